#include "storage/quarantine.hpp"

#include "storage/errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <system_error>
#include <vector>

namespace koubei::storage {

namespace fs = std::filesystem;

Quarantine::Quarantine(fs::path dir, std::uint64_t max_bytes)
    : dir_(std::move(dir)), max_bytes_(max_bytes) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  std::vector<std::pair<fs::path, std::uint64_t>> found;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    found.emplace_back(entry.path(), entry.file_size(ec));
  }
  // Names start with the time they were written: name order is age order.
  std::sort(found.begin(), found.end());
  for (auto& f : found) {
    bytes_ += f.second;
    files_.push_back(std::move(f));
  }
}

void Quarantine::evict_for(std::uint64_t incoming) {
  while (!files_.empty() && bytes_ + incoming > max_bytes_) {
    std::error_code ec;
    fs::remove(files_.front().first, ec);
    bytes_ -= std::min(bytes_, files_.front().second);
    files_.pop_front();
  }
}

Result<fs::path> Quarantine::keep(std::string_view page_type, std::string_view redacted_url,
                                  int status, std::string_view reason, std::string_view body,
                                  std::int64_t now_ms) {
  const std::string header = fmt::format("page_type: {}\nurl: {}\nstatus: {}\nreason: {}\n\n",
                                         page_type, redacted_url, status, reason);
  const std::uint64_t size = header.size() + body.size();
  if (size > max_bytes_) {
    return Error{Errc::kWriteFailed,
                 fmt::format("quarantine {}: a {}-byte page is larger than the whole quarantine "
                             "({} bytes)", dir_.string(), size, max_bytes_)};
  }
  evict_for(size);
  const fs::path path = dir_ / fmt::format("{:013}-{:06}-{}.txt", now_ms, seq_++ % 1000000, page_type);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
  out.write(body.data(), static_cast<std::streamsize>(body.size()));
  out.close();
  if (!out) {
    std::error_code ec;
    fs::remove(path, ec);
    return Error{Errc::kWriteFailed, fmt::format("quarantine {}: cannot write", path.string())};
  }
  bytes_ += size;
  files_.emplace_back(path, size);
  return path;
}

}  // namespace koubei::storage
