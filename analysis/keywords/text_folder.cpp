#include "analysis/keywords/text_folder.hpp"

#include <opencc/opencc.h>

#include <stdexcept>

#include "config/utf8.hpp"

namespace koubei::analysis::keywords {
namespace {

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0x3000 || c == 0xA0 || c == 0x2028 || c == 0x2029;
}

char32_t fold_char(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII forms
  if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
  return c;
}

std::u32string decode(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size() / 2);
  std::size_t pos = 0;
  while (pos < utf8.size()) out.push_back(text::decode_utf8(utf8, pos));
  return out;
}

}  // namespace

struct TextFolder::Impl {
  opencc_t handle = nullptr;
};

std::string to_utf8(std::u32string_view chars) {
  std::string out;
  out.reserve(chars.size() * 3);
  for (char32_t c : chars) text::append_utf8(out, c);
  return out;
}

TextFolder::TextFolder(const std::string& opencc_config) : impl_(std::make_unique<Impl>()) {
  impl_->handle = opencc_open(opencc_config.c_str());
  // opencc_open reports failure as (opencc_t)-1.
  if (impl_->handle == reinterpret_cast<opencc_t>(-1) || impl_->handle == nullptr) {
    impl_->handle = nullptr;
    throw std::runtime_error("cannot load OpenCC configuration " + opencc_config + ": " +
                             opencc_error() + " (install the opencc and libopencc-data packages)");
  }
}

TextFolder::~TextFolder() {
  if (impl_ && impl_->handle != nullptr) opencc_close(impl_->handle);
}

std::string TextFolder::convert(std::string_view utf8) const {
  const std::string input(utf8);  // OpenCC wants a NUL-terminated copy
  char* converted = opencc_convert_utf8(impl_->handle, input.c_str(), input.size());
  if (converted == nullptr) return input;  // conversion failure degrades to unconverted text
  std::string out(converted);
  opencc_convert_utf8_free(converted);
  return out;
}

FoldedText TextFolder::fold(std::string_view utf8) const {
  // Pass 1: width, case and whitespace, keeping the original byte offset of each character.
  FoldedText pre;
  pre.chars.reserve(utf8.size() / 2);
  pre.offsets.reserve(utf8.size() / 2 + 1);
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const auto start = static_cast<std::uint32_t>(pos);
    const char32_t c = fold_char(text::decode_utf8(utf8, pos));
    if (is_space(c)) {
      if (!pre.chars.empty() && pre.chars.back() == ' ') continue;
      pre.chars.push_back(' ');
    } else {
      pre.chars.push_back(c);
    }
    pre.offsets.push_back(start);
  }
  pre.offsets.push_back(static_cast<std::uint32_t>(utf8.size()));
  // Pass 2: Traditional → Simplified over the whole text (phrase rules need context). t2s keeps
  // the character count in practice; when it does not, convert character by character so the
  // offset map stays exact.
  std::u32string converted = decode(convert(to_utf8(pre.chars)));
  if (converted.size() == pre.chars.size()) {
    pre.chars = std::move(converted);
    return pre;
  }
  FoldedText out;
  for (std::size_t i = 0; i < pre.chars.size(); ++i) {
    const std::u32string one = decode(convert(to_utf8(std::u32string_view(&pre.chars[i], 1))));
    for (char32_t c : one) {
      out.chars.push_back(c);
      out.offsets.push_back(pre.offsets[i]);
    }
  }
  out.offsets.push_back(pre.offsets.back());
  return out;
}

}  // namespace koubei::analysis::keywords
