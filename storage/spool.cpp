#include "storage/spool.hpp"

#include "storage/errors.hpp"
#include "storage/posix_file.hpp"
#include "storage/spool_format.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace koubei::storage {
namespace {

namespace sf = spool_format;

constexpr std::uint64_t kDataStart = sf::kMagic.size();

}  // namespace

std::string Spool::segment_path(std::uint64_t seq) const {
  return fmt::format("{}/{:020}{}", options_.dir, seq, sf::kSegmentSuffix);
}

Error Spool::io_error(const std::string& path, std::string_view step, int err) {
  ++stats_.io_failures;
  return Error{Errc::kSpoolIoFailed,
               fmt::format("spool {}: {}: {}", path, step, std::generic_category().message(err))};
}

bool Spool::needs_new_segment(std::uint64_t bytes) const noexcept {
  return segments_.empty() || segments_.back().size < kDataStart ||
         segments_.back().size + bytes > options_.segment_bytes;
}

bool Spool::has_room_for(std::uint64_t bytes) const noexcept {
  const std::uint64_t need = bytes + (needs_new_segment(bytes) ? kDataStart : 0);
  return bytes_ + need <= options_.max_bytes;
}

Result<void> Spool::push(std::span<const OutRecord> records) {
  if (records.empty()) return {};
  std::string bytes;
  for (const OutRecord& record : records)
    sf::append_record(record, bytes);
  if (!has_room_for(bytes.size())) {
    ++stats_.full_refusals;
    return Error{Errc::kSpoolFull,
                 fmt::format("spool {}: {} records ({} bytes) do not fit: {} of {} bytes used",
                             options_.dir,
                             records.size(),
                             bytes.size(),
                             bytes_,
                             options_.max_bytes)};
  }
  if (auto appended = append(bytes, records.size()); !appended) return appended.error();
  ++stats_.pushes;
  stats_.pushed_records += records.size();
  return {};
}

Result<void> Spool::append(const std::string& bytes, std::size_t count) {
  if (needs_new_segment(bytes.size())) {
    const std::uint64_t seq =
        segments_.empty() ? std::max<std::uint64_t>(1, head_.seq) : segments_.back().seq + 1;
    const std::string path = segment_path(seq);
    tail_fd_ = detail::UniqueFd(
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644));
    if (!tail_fd_) return io_error(path, "create", errno);
    if (const int err = detail::write_all(tail_fd_.get(), sf::kMagic); err != 0) {
      tail_fd_.reset();
      ::unlink(path.c_str());
      return io_error(path, "write", err);
    }
    if (segments_.empty()) head_ = Position{seq, kDataStart};
    segments_.push_back(Segment{seq, kDataStart, kDataStart, 0});
    bytes_ += kDataStart;
    if (options_.fsync) {
      if (const int err = detail::fsync_dir(options_.dir); err != 0) {
        return io_error(options_.dir, "fsync directory", err);
      }
    }
  }
  Segment& tail = segments_.back();
  const std::string path = segment_path(tail.seq);
  if (!tail_fd_) {
    tail_fd_ = detail::UniqueFd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
    if (!tail_fd_) return io_error(path, "open", errno);
  }
  int err = detail::write_all(tail_fd_.get(), bytes);
  if (err == 0 && options_.fsync) err = detail::fdatasync_file(tail_fd_.get());
  if (err != 0) {
    // Nothing of a failed push may be read back: cut the file to where the push began.
    if (::ftruncate(tail_fd_.get(), static_cast<off_t>(tail.size)) != 0) {
      spdlog::warn("spool {}: cannot cut a failed push back: {}",
                   path,
                   std::generic_category().message(errno));
    }
    tail_fd_.reset();
    return io_error(path, "write", err);
  }
  tail.size += bytes.size();
  tail.end = tail.size;
  tail.records += count;
  records_ += count;
  bytes_ += bytes.size();
  return {};
}

Result<int> Spool::reader_for(std::uint64_t seq) {
  if (!reader_fd_ || reader_seq_ != seq) {
    const std::string path = segment_path(seq);
    reader_fd_ = detail::UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!reader_fd_) return io_error(path, "open for replay", errno);
    reader_seq_ = seq;
  }
  return reader_fd_.get();
}

Result<std::vector<OutRecord>> Spool::peek(std::size_t max_records) {
  peeked_.clear();
  std::vector<OutRecord> out;
  Position at = head_;
  std::string buffer;
  for (Segment& segment : segments_) {
    if (out.size() >= max_records) break;
    if (segment.seq != at.seq) at = Position{segment.seq, kDataStart};
    auto fd = reader_for(segment.seq);
    if (!fd) return fd.error();
    std::uint64_t read_here = 0;
    while (out.size() < max_records && at.offset < segment.end) {
      char raw[sf::kFrameHeaderBytes];
      std::optional<OutRecord> record;
      if (detail::pread_all(*fd, raw, sizeof raw, static_cast<off_t>(at.offset)) == 0) {
        if (const auto header = sf::parse_header(std::string_view(raw, sizeof raw))) {
          buffer.resize(header->length);
          if (detail::pread_all(*fd,
                                buffer.data(),
                                buffer.size(),
                                static_cast<off_t>(at.offset + sf::kFrameHeaderBytes)) == 0) {
            record = sf::parse_payload(*header, buffer);
          }
          if (record) at.offset += sf::kFrameHeaderBytes + header->length;
        }
      }
      if (!record) {
        // Damaged since open(): the rest of this segment cannot be framed any more.
        const std::uint64_t lost = segment.records - read_here;
        spdlog::warn("spool {}: {} records from offset {} unreadable, skipped",
                     segment_path(segment.seq),
                     lost,
                     at.offset);
        stats_.corrupt_records += lost;
        stats_.corrupt_bytes += segment.end - at.offset;
        records_ -= lost;
        segment.records = read_here;
        segment.end = at.offset;
        break;
      }
      ++read_here;
      out.push_back(std::move(*record));
      peeked_.push_back(at);
    }
  }
  return out;
}

Result<void> Spool::ack(std::size_t count) {
  count = std::min(count, peeked_.size());
  if (count == 0) return {};
  for (std::size_t i = 0; i < count; ++i) {
    for (Segment& segment : segments_) {
      if (segment.seq == peeked_[i].seq) --segment.records;
    }
  }
  head_ = peeked_[count - 1];
  records_ -= count;
  stats_.acked_records += count;
  peeked_.clear();
  if (records_ > 0) {
    if (auto saved = save_head(); !saved) return saved.error();
  }
  return drop_consumed_segments();
}

Result<void> Spool::save_head() {
  const std::string text = fmt::format("{} {}\n", head_.seq, head_.offset);
  if (auto failed = detail::replace_file(options_.dir + "/head", text, options_.fsync)) {
    return io_error(failed->path, failed->step, failed->err);
  }
  return {};
}

Result<void> Spool::drop_consumed_segments() {
  // The head file already points past these segments (or the spool is empty), so a crash between
  // the unlinks below never makes acknowledged records reappear.
  while (!segments_.empty() && segments_.front().records == 0 &&
         (segments_.size() > 1 || records_ == 0)) {
    const std::string path = segment_path(segments_.front().seq);
    if (segments_.size() == 1) tail_fd_.reset();
    if (reader_seq_ == segments_.front().seq) reader_fd_.reset();
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return io_error(path, "unlink", errno);
    bytes_ -= segments_.front().size;
    const std::uint64_t next = segments_.front().seq + 1;
    segments_.pop_front();
    if (segments_.empty()) {
      head_ = Position{next, kDataStart};
    } else if (head_.seq != segments_.front().seq) {
      head_ = Position{segments_.front().seq, kDataStart};
    }
  }
  if (segments_.empty()) {
    const std::string path = options_.dir + "/head";
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return io_error(path, "unlink", errno);
  }
  return {};
}

}  // namespace koubei::storage
