#pragma once
// Helpers shared by the delivery tests (PostgreSQL sink, spool, pipeline, crash child): mention
// records with chosen metrics, and reading them back.

#include "storage/errors.hpp"
#include "storage/sink.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/storage/result_status.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace koubei::storage::testing {

struct RecordSpec {
  std::uint64_t n = 0;  ///< native id
  std::int64_t likes = 0;
  double score = 10.0;  ///< influence score
  std::string tier = "ordinary";
  std::string fetched_at = "2026-11-22T10:00:00.000Z";
};

/// A koubei.mention.v1 record (every required key) for weibo post `spec.n`.
inline OutRecord mention(const RecordSpec& spec) {
  const std::string id = fmt::format("weibo:post:{}", spec.n);
  std::string json = fmt::format(
      R"({{"schema":"koubei.mention.v1","id":"{id}","platform":"weibo","kind":"post",)"
      R"("native_id":"{n}","url":"https://m.weibo.cn/detail/{n}","parent_id":null,"root_id":null,)"
      R"("title":null,"text":"测试 {n}","lang":"zh-Hans","tags":[],"media":[],"rating":null,)"
      R"("target":null,"created_at":"2026-11-22T09:00:00Z","created_at_precision":"second",)"
      R"("fetched_at":"{fetched}","author":{{"id":"u{n}","name":"n","url":null,"followers":1200,)"
      R"("verified":false,"verified_type":"none"}},"metrics":{{"likes":{likes},"comments":3,)"
      R"("shares":null,"collects":null,"views":null}},"metrics_capped":false,)"
      R"("ip_location":"北京","query":{{"id":"q1","matched":["测试"]}},)"
      R"("source":{{"page_type":"weibo.search_api","url":"https://m.weibo.cn/api"}},)"
      R"("influence":{{"score":{score},"tier":"{tier}","reach":null,"scheme":"t","partial":false}},)"
      R"("sentiment":null}})",
      fmt::arg("id", id),
      fmt::arg("n", spec.n),
      fmt::arg("fetched", spec.fetched_at),
      fmt::arg("likes", spec.likes),
      fmt::arg("score", spec.score),
      fmt::arg("tier", spec.tier));
  return OutRecord{id, std::move(json)};
}

inline OutRecord mention(std::uint64_t n) {
  return mention(RecordSpec{.n = n});
}

/// Records n = first .. first+count-1.
inline std::vector<OutRecord> mentions(std::uint64_t first, std::uint64_t count) {
  std::vector<OutRecord> out;
  for (std::uint64_t n = first; n < first + count; ++n)
    out.push_back(mention(n));
  return out;
}

/// A sink that can be switched off: while `down`, write() fails with kSinkUnavailable and the
/// wrapped (real) sink is not touched, as when its server is unreachable.
class SwitchableSink final : public Sink {
 public:
  explicit SwitchableSink(std::unique_ptr<Sink> inner) : inner_(std::move(inner)) {}

  std::string_view name() const override { return inner_->name(); }

  Result<void> write(std::span<const OutRecord> batch) override {
    ++attempts;
    if (down)
      return Error{Errc::kSinkUnavailable, "sink " + std::string(name()) + ": switched off"};
    auto written = inner_->write(batch);
    if (!written) last_error = written.error();
    return written;
  }

  SinkStats stats() const override { return inner_->stats(); }

  bool down = false;
  int attempts = 0;
  std::optional<Error> last_error;  ///< the wrapped sink's last failure

 private:
  std::unique_ptr<Sink> inner_;
};

/// Every line of a JSONL file as (its `id`, the whole line), in file order.
inline std::vector<std::pair<std::string, std::string>> jsonl_entries(
    const std::filesystem::path& path) {
  std::vector<std::pair<std::string, std::string>> entries;
  const std::string text = koubei::test::read_file(path);
  constexpr std::string_view kKey = R"("id":")";
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    const std::size_t at = line.find(kKey);
    if (at != std::string_view::npos) {
      const std::size_t from = at + kKey.size();
      entries.emplace_back(line.substr(from, line.find('"', from) - from), line);
    }
    start = end + 1;
  }
  return entries;
}

/// The `id` of every line of a JSONL file, in file order.
inline std::vector<std::string> jsonl_ids(const std::filesystem::path& path) {
  std::vector<std::string> ids;
  for (auto& entry : jsonl_entries(path))
    ids.push_back(std::move(entry.first));
  return ids;
}

/// "weibo:post:first" .. "weibo:post:first+count-1".
inline std::vector<std::string> id_range(std::uint64_t first, std::uint64_t count) {
  std::vector<std::string> ids;
  for (std::uint64_t n = first; n < first + count; ++n)
    ids.push_back(mention(n).id);
  return ids;
}

}  // namespace koubei::storage::testing
