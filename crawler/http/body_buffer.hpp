#pragma once
// A response body in one heap block followed by kPadding zeroed bytes, so simdjson parses it in
// place (parsers::PageInput{.padded = true}) without copying.
//
// Invariant: data()[size() .. size() + kPadding) is readable and zero.
// Thread safety: a value type; one thread at a time.

#include <cstddef>
#include <memory>
#include <string_view>

namespace koubei::http {

class BodyBuffer {
 public:
  /// Bytes after the body that are always readable; >= simdjson::SIMDJSON_PADDING (checked where
  /// simdjson is included, in body_buffer.cpp).
  static constexpr std::size_t kPadding = 64;

  BodyBuffer() = default;
  BodyBuffer(BodyBuffer&&) noexcept = default;
  BodyBuffer& operator=(BodyBuffer&&) noexcept = default;

  /// Makes room for `n` bytes in total so appends up to n do not reallocate.
  void reserve(std::size_t n);
  void append(const char* data, std::size_t n);
  /// Empties the body, keeping the block.
  void clear();

  const char* data() const { return data_ ? data_.get() : kEmpty; }

  std::size_t size() const { return size_; }

  std::size_t capacity() const { return capacity_; }

  bool empty() const { return size_ == 0; }

  std::string_view view() const { return {data(), size_}; }

 private:
  static constexpr char kEmpty[kPadding] = {};

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;  // excluding the padding
};

}  // namespace koubei::http
