#include "storage/jsonl_sink.hpp"

#include "storage/posix_file.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <ctime>
#include <filesystem>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace koubei::storage {
namespace {

constexpr std::size_t kMaxPathBytes = 4096;
constexpr std::size_t kRecoveryChunkBytes = 64 * 1024;

/// "var/out/m.jsonl: write: File too large": the path first, then the step and strerror.
Error sys_error(Errc code, const std::string& path, std::string_view step, int err) {
  return Error{code, fmt::format("{}: {}: {}", path, step, std::generic_category().message(err))};
}

std::string parent_dir(const std::filesystem::path& path) {
  const std::filesystem::path parent = path.parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

/// The pattern expanded for `now`; empty when it expands to nothing or to more than kMaxPathBytes.
std::string expand_pattern(const std::string& pattern,
                           std::chrono::system_clock::time_point now,
                           bool local_time) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  if (local_time) {
    localtime_r(&t, &tm);
  } else {
    gmtime_r(&t, &tm);
  }
  // strftime returns 0 both for an empty result and for a too small buffer; a sentinel character
  // makes every successful result non-empty.
  const std::string format = pattern + '|';
  for (std::size_t size = format.size() * 2 + 64; size <= 2 * kMaxPathBytes; size *= 2) {
    std::string out(size, '\0');
    const std::size_t n = std::strftime(out.data(), out.size(), format.c_str(), &tm);
    if (n > 0) {
      out.resize(n - 1);
      return out.size() <= kMaxPathBytes ? out : std::string();
    }
  }
  return {};
}

/// mkdir -p for the directories above `file`. Returns the directories whose entries changed (the
/// parents of the created ones), which must be fsync'd for the new names to survive a power loss.
Result<std::vector<std::string>> make_parent_dirs(const std::string& file) {
  namespace fs = std::filesystem;
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path dir = fs::path(file).parent_path(); !dir.empty() && !fs::exists(dir, ec);
       dir = dir.parent_path()) {
    missing.push_back(dir);
    if (dir == dir.parent_path()) break;  // a root that does not exist: let mkdir report it
  }
  std::vector<std::string> changed;
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0755) != 0 && errno != EEXIST) {
      return sys_error(Errc::kOpenFailed, file, "mkdir " + it->string(), errno);
    }
    changed.push_back(parent_dir(*it));
  }
  return changed;
}

/// Length of the longest prefix of the file that ends in '\n' (0 when it has none), read backwards
/// in chunks through a separate read-only descriptor (the sink's own is O_WRONLY).
Result<off_t> whole_lines_length(const std::string& path, off_t size) {
  const detail::UniqueFd in(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!in) return sys_error(Errc::kOpenFailed, path, "open for recovery", errno);
  std::string chunk(kRecoveryChunkBytes, '\0');
  for (off_t end = size; end > 0;) {
    const off_t start = std::max<off_t>(0, end - static_cast<off_t>(chunk.size()));
    const auto want = static_cast<std::size_t>(end - start);
    if (const int err = detail::pread_all(in.get(), chunk.data(), want, start); err != 0) {
      return sys_error(Errc::kOpenFailed, path, "read for recovery", err);
    }
    const std::size_t newline = std::string_view(chunk.data(), want).rfind('\n');
    if (newline != std::string_view::npos) return start + static_cast<off_t>(newline) + 1;
    end = start;
  }
  return off_t{0};
}

std::chrono::system_clock::time_point system_now() {
  return std::chrono::system_clock::now();
}

}  // namespace

JsonlSink::JsonlSink(JsonlSinkOptions options) : options_(std::move(options)) {
  if (!options_.clock) options_.clock = system_now;
}

Result<void> JsonlSink::append(std::string_view line) {
  if (closed_) return Error{Errc::kClosed, options_.path_pattern};
  // Two memchr scans: much faster than find_first_of on long records.
  if (line.empty() || line.find('\n') != std::string_view::npos ||
      line.find('\r') != std::string_view::npos) {
    return Error{Errc::kInvalidRecord, fmt::format("jsonl record of {} bytes", line.size())};
  }
  const std::size_t need = line.size() + 1;
  if (need > options_.max_pending_bytes) {
    return Error{
        Errc::kRecordTooLarge,
        fmt::format(
            "jsonl record of {} bytes (max_pending_bytes {})", need, options_.max_pending_bytes)};
  }
  if (pending_.size() + need > options_.max_pending_bytes) {
    return Error{Errc::kPendingFull,
                 fmt::format("jsonl pending buffer ({} + {} bytes > max_pending_bytes {})",
                             pending_.size(),
                             need,
                             options_.max_pending_bytes)};
  }
  pending_.append(line);
  pending_.push_back('\n');
  ++pending_lines_;
  return {};
}

Result<SyncReport> JsonlSink::sync() {
  if (closed_) return Error{Errc::kClosed, options_.path_pattern};
  // Records go to the file for the sync time, whenever they were appended.
  const std::string path =
      expand_pattern(options_.path_pattern, options_.clock(), options_.local_time);
  if (path.empty()) {
    return fail(Error{Errc::kOpenFailed,
                      fmt::format("path pattern \"{}\" expands to an empty or too long path",
                                  options_.path_pattern)});
  }
  if (pending_.empty()) {
    // Nothing to write, but a file left by a crash is still repaired at start-up: opening an
    // existing file cuts its half-written last line. No file is created for an empty sync.
    struct stat st = {};
    if ((!fd_ || path != path_) && ::stat(path.c_str(), &st) == 0) {
      if (auto opened = open_file(path); !opened) return fail(opened.error());
    }
    ++stats_.syncs;
    return SyncReport{path, 0, 0, std::exchange(unreported_recovered_, 0)};
  }
  if (!fd_ || path != path_) {
    if (auto opened = open_file(path); !opened) return fail(opened.error());
  }
  if (auto flushed = flush_to_disk(path); !flushed) return fail(flushed.error());

  SyncReport report{path, pending_.size(), pending_lines_, std::exchange(unreported_recovered_, 0)};
  ++stats_.syncs;
  stats_.lines_written += report.lines;
  stats_.bytes_written += report.bytes;
  pending_.clear();
  pending_lines_ = 0;
  dirs_to_sync_.clear();
  return report;
}

void JsonlSink::close() noexcept {
  fd_.reset();
  path_.clear();
  pending_.clear();
  pending_lines_ = 0;
  closed_ = true;
}

Result<void> JsonlSink::open_file(const std::string& path) {
  fd_.reset();
  path_.clear();
  auto changed_dirs = make_parent_dirs(path);
  if (!changed_dirs) return changed_dirs.error();

  struct stat st = {};
  const bool existed = ::stat(path.c_str(), &st) == 0;
  fd_ = detail::UniqueFd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (!fd_) return sys_error(Errc::kOpenFailed, path, "open", errno);
  // Kept across failed syncs: cleared only once a sync has fsync'd them.
  for (auto& dir : *changed_dirs)
    dirs_to_sync_.push_back(std::move(dir));
  if (!existed) dirs_to_sync_.push_back(parent_dir(path));
  if (auto cut = cut_partial_line(path); !cut) return cut.error();
  path_ = path;
  return {};
}

Result<void> JsonlSink::cut_partial_line(const std::string& path) {
  struct stat st = {};
  if (::fstat(fd_.get(), &st) != 0) return sys_error(Errc::kOpenFailed, path, "fstat", errno);
  if (st.st_size == 0) return {};
  auto keep = whole_lines_length(path, st.st_size);
  if (!keep) return keep.error();
  if (*keep == st.st_size) return {};
  if (::ftruncate(fd_.get(), *keep) != 0) {
    return sys_error(Errc::kOpenFailed, path, "ftruncate for recovery", errno);
  }
  const auto cut = static_cast<std::uint64_t>(st.st_size - *keep);
  spdlog::warn(
      "jsonl sink: {}: cut {} bytes of a half-written last line left by a crash", path, cut);
  ++stats_.recovered_files;
  stats_.recovered_bytes += cut;
  unreported_recovered_ += cut;
  return {};
}

Result<void> JsonlSink::flush_to_disk(const std::string& path) {
  struct stat st = {};
  if (::fstat(fd_.get(), &st) != 0) return sys_error(Errc::kWriteFailed, path, "fstat", errno);
  const off_t before = st.st_size;
  Errc code = Errc::kWriteFailed;
  std::string step = "write";
  int err = detail::write_all(fd_.get(), pending_);
  if (err == 0 && options_.fsync) {
    code = Errc::kSyncFailed;
    step = "fdatasync";
    err = detail::fdatasync_file(fd_.get());
    for (auto dir = dirs_to_sync_.begin(); err == 0 && dir != dirs_to_sync_.end(); ++dir) {
      step = "fsync directory " + *dir;
      err = detail::fsync_dir(*dir);
    }
  }
  if (err == 0) return {};
  // No half line may stay behind: cut the file back to where this batch started.
  if (::ftruncate(fd_.get(), before) != 0) {
    spdlog::warn(
        "jsonl sink: {}: cannot cut back to {} bytes after a failed sync: {}; the next "
        "open will cut the partial line",
        path,
        before,
        std::generic_category().message(errno));
  }
  return sys_error(code, path, step, err);
}

Error JsonlSink::fail(Error error) {
  ++stats_.sync_failures;
  fd_.reset();  // reopened (and recovered) by the next sync
  path_.clear();
  return error;
}

}  // namespace koubei::storage
