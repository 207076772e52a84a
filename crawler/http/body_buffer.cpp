#include "crawler/http/body_buffer.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

namespace koubei::http {

static_assert(BodyBuffer::kPadding >= simdjson::SIMDJSON_PADDING,
              "the body padding must satisfy simdjson");

void BodyBuffer::reserve(std::size_t n) {
  if (n <= capacity_ && data_) return;
  // make_unique_for_overwrite would leave the padding uninitialised; the padding must be zero.
  auto grown = std::make_unique<char[]>(n + kPadding);
  if (size_ != 0) std::memcpy(grown.get(), data_.get(), size_);
  data_ = std::move(grown);
  capacity_ = n;
}

void BodyBuffer::clear() {
  size_ = 0;
  if (data_) std::memset(data_.get(), 0, kPadding);
}

void BodyBuffer::append(const char* data, std::size_t n) {
  if (n == 0) return;
  if (size_ + n > capacity_ || !data_) reserve(std::max(size_ + n, capacity_ * 2));
  std::memcpy(data_.get() + size_, data, n);
  size_ += n;
  // Bytes past the end may hold an earlier, longer body after clear(): keep the padding zero.
  std::memset(data_.get() + size_, 0, kPadding);
}

}  // namespace koubei::http
