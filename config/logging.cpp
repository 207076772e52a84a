#include "config/logging.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "config/json_string.hpp"

namespace koubei::config {
namespace {

spdlog::level::level_enum to_spdlog(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace: return spdlog::level::trace;
    case LogLevel::kDebug: return spdlog::level::debug;
    case LogLevel::kInfo: return spdlog::level::info;
    case LogLevel::kWarn: return spdlog::level::warn;
    case LogLevel::kError: return spdlog::level::err;
    case LogLevel::kOff: return spdlog::level::off;
  }
  return spdlog::level::info;
}

std::string_view level_name(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace: return "trace";
    case spdlog::level::debug: return "debug";
    case spdlog::level::info: return "info";
    case spdlog::level::warn: return "warn";
    case spdlog::level::err: return "error";
    case spdlog::level::critical: return "fatal";
    default: return "off";
  }
}

std::string utc_millis(std::chrono::system_clock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch());
  const std::time_t secs = static_cast<std::time_t>(ms.count() / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(ms.count() % 1000));
  return buf;
}

class RedactingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  RedactingSink(LogFormat format, std::shared_ptr<const Redactor> redactor, LineWriter write)
      : format_(format), redactor_(std::move(redactor)), write_(std::move(write)) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    const std::string text = redactor_ ? redactor_->redact(payload) : std::string(payload);
    std::string line = utc_millis(msg.time);
    const std::string_view level = level_name(msg.level);
    if (format_ == LogFormat::kJson) {
      line = "{\"ts\":\"" + line + "\",\"level\":\"" + std::string(level) + "\",\"msg\":";
      text::append_json_string(text, line);
      line.push_back('}');
    } else {
      line.push_back(' ');
      line.append(level);
      line.append(level.size() < 5 ? 6 - level.size() : 1, ' ');
      // Text lines stay one line each: a message's own newlines are shown escaped.
      for (char c : text) {
        if (c == '\n') {
          line.append("\\n");
        } else if (c == '\r') {
          line.append("\\r");
        } else {
          line.push_back(c);
        }
      }
    }
    write_(line);
  }

  void flush_() override {}

 private:
  LogFormat format_;
  std::shared_ptr<const Redactor> redactor_;
  LineWriter write_;
};

void write_stderr(std::string_view line) {
  std::string buffer(line);
  buffer.push_back('\n');
  std::size_t done = 0;
  while (done < buffer.size()) {
    const ssize_t n = ::write(STDERR_FILENO, buffer.data() + done, buffer.size() - done);
    if (n <= 0) return;  // stderr is gone; nothing sensible left to report to
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::shared_ptr<spdlog::logger> make_logger(const LogConfig& config,
                                            std::shared_ptr<const Redactor> redactor,
                                            LineWriter write) {
  auto sink = std::make_shared<RedactingSink>(config.format, std::move(redactor), std::move(write));
  auto logger = std::make_shared<spdlog::logger>("koubei", std::move(sink));
  logger->set_level(to_spdlog(config.level));
  logger->flush_on(spdlog::level::trace);
  return logger;
}

void install_logging(const LogConfig& config, std::shared_ptr<const Redactor> redactor) {
  spdlog::set_default_logger(make_logger(config, std::move(redactor), write_stderr));
}

}  // namespace koubei::config
