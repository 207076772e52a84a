// Spool start-up (Spool::open): find the segments, load the head, cut a torn tail, skip damaged
// records. The rest of the spool is in spool.cpp.
#include "storage/errors.hpp"
#include "storage/posix_file.hpp"
#include "storage/spool.hpp"
#include "storage/spool_format.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace koubei::storage {
namespace {

namespace fs = std::filesystem;
namespace sf = spool_format;

constexpr std::uint64_t kDataStart = sf::kMagic.size();

/// The sequence number of "00000000000000000042.spool", or 0 for any other name.
std::uint64_t segment_seq(const std::string& name) {
  if (name.size() != 20 + sf::kSegmentSuffix.size() || !name.ends_with(sf::kSegmentSuffix))
    return 0;
  std::uint64_t seq = 0;
  const auto [end, ec] = std::from_chars(name.data(), name.data() + 20, seq);
  return ec == std::errc() && end == name.data() + 20 ? seq : 0;
}

}  // namespace

Result<Spool> Spool::open(SpoolOptions options) {
  Spool spool(std::move(options));
  if (auto recovered = spool.recover(); !recovered) return recovered.error();
  return spool;
}

Result<void> Spool::recover() {
  std::error_code ec;
  fs::create_directories(options_.dir, ec);
  if (ec) return io_error(options_.dir, "mkdir", ec.value());
  std::vector<std::uint64_t> seqs;
  for (const auto& entry : fs::directory_iterator(options_.dir, ec)) {
    if (const std::uint64_t seq = segment_seq(entry.path().filename().string()); seq != 0) {
      seqs.push_back(seq);
    }
  }
  if (ec) return io_error(options_.dir, "list", ec.value());
  std::sort(seqs.begin(), seqs.end());

  std::ifstream head_file(options_.dir + "/head");
  Position head;
  if (!(head_file >> head.seq >> head.offset)) head = {};
  for (const std::uint64_t seq : seqs) {
    if (seq < head.seq) {  // acknowledged before a crash interrupted the cleanup
      if (::unlink(segment_path(seq).c_str()) != 0) {
        return io_error(segment_path(seq), "unlink", errno);
      }
      continue;
    }
    struct stat st = {};
    if (::stat(segment_path(seq).c_str(), &st) != 0) {
      return io_error(segment_path(seq), "stat", errno);
    }
    segments_.push_back(Segment{seq, static_cast<std::uint64_t>(st.st_size), 0, 0});
  }
  if (segments_.empty() || segments_.front().seq != head.seq || head.offset < kDataStart) {
    head = segments_.empty() ? Position{} : Position{segments_.front().seq, kDataStart};
  }
  head_ = head;
  for (std::size_t i = 0; i < segments_.size(); ++i) {
    Segment& segment = segments_[i];
    const std::uint64_t from = i == 0 ? head_.offset : kDataStart;
    if (auto scanned = scan(segment, from, i + 1 == segments_.size()); !scanned) {
      return scanned.error();
    }
    records_ += segment.records;
    bytes_ += segment.size;
  }
  return drop_consumed_segments();
}

Result<void> Spool::scan(Segment& segment, std::uint64_t from, bool is_tail) {
  const std::string path = segment_path(segment.seq);
  const detail::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return io_error(path, "open", errno);
  std::string magic(kDataStart, '\0');
  const bool good_magic = segment.size >= kDataStart &&
                          detail::pread_all(fd.get(), magic.data(), magic.size(), 0) == 0 &&
                          magic == sf::kMagic;
  std::uint64_t at = good_magic ? std::max(from, kDataStart) : 0;
  std::string buffer;
  while (good_magic && at + sf::kFrameHeaderBytes <= segment.size) {
    char raw[sf::kFrameHeaderBytes];
    if (detail::pread_all(fd.get(), raw, sizeof raw, static_cast<off_t>(at)) != 0) break;
    const auto header = sf::parse_header(std::string_view(raw, sizeof raw));
    if (!header || at + sf::kFrameHeaderBytes + header->length > segment.size) break;
    buffer.resize(header->length);
    if (detail::pread_all(fd.get(),
                          buffer.data(),
                          buffer.size(),
                          static_cast<off_t>(at + sf::kFrameHeaderBytes)) != 0 ||
        !sf::parse_payload(*header, buffer)) {
      break;
    }
    at += sf::kFrameHeaderBytes + header->length;
    ++segment.records;
  }
  segment.end = at;
  if (at == segment.size) return {};
  const std::uint64_t lost = segment.size - at;
  if (is_tail) {
    // A crash in the middle of a push: cut the half record so appends continue after whole ones.
    const std::uint64_t keep = good_magic ? at : 0;
    if (::truncate(path.c_str(), static_cast<off_t>(keep)) != 0) {
      return io_error(path, "truncate torn tail", errno);
    }
    spdlog::warn("spool {}: cut {} bytes of a record torn by a crash", path, segment.size - keep);
    stats_.torn_bytes += segment.size - keep;
    segment.size = keep;
    segment.end = keep;
    return {};
  }
  spdlog::warn(
      "spool {}: {} unreadable bytes from offset {} skipped (checksum or framing)", path, lost, at);
  ++stats_.corrupt_records;
  stats_.corrupt_bytes += lost;
  return {};
}

}  // namespace koubei::storage
