#include "analysis/keywords/text_folder.hpp"

#include <opencc/Lexicon.hpp>
#include <opencc/MarisaDict.hpp>
#include <opencc/opencc.h>

#include <cstdio>
#include <optional>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
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

constexpr std::size_t kCodePoints = 0x110000;

/// One bit per code point.
class CharSet {
 public:
  CharSet() : bits_(kCodePoints / 64) {}
  bool contains(char32_t c) const { return c < kCodePoints && ((bits_[c / 64] >> (c % 64)) & 1U); }
  void insert(char32_t c) {
    if (c < kCodePoints) bits_[c / 64] |= std::uint64_t{1} << (c % 64);
  }

 private:
  std::vector<std::uint64_t> bits_;
};

/// The dictionaries a config reads, when they are all ocd2 files; nothing otherwise.
std::vector<std::filesystem::path> ocd2_files(const std::string& config_path) {
  std::ifstream in(config_path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string json = text.str();
  static const std::regex kType(R"re("type"\s*:\s*"([^"]*)")re");
  static const std::regex kFile(R"re("file"\s*:\s*"([^"]*)")re");
  for (std::sregex_iterator it(json.begin(), json.end(), kType), end; it != end; ++it) {
    const std::string type = (*it)[1];
    if (type != "mmseg" && type != "group" && type != "ocd2") return {};
  }
  std::vector<std::filesystem::path> files;
  const auto dir = std::filesystem::path(config_path).parent_path();
  for (std::sregex_iterator it(json.begin(), json.end(), kFile), end; it != end; ++it) {
    files.push_back(dir / std::string((*it)[1]));
  }
  return files;
}

/// The trigger characters of the header comment; nullopt when a dictionary cannot be read.
std::optional<CharSet> trigger_chars(const std::string& config_path) {
  struct Key {
    std::u32string from;
    std::u32string to;  ///< the default conversion
  };
  std::vector<Key> keys;
  try {
    const auto files = ocd2_files(config_path);
    if (files.empty()) return std::nullopt;
    for (const auto& file : files) {
      std::FILE* fp = std::fopen(file.c_str(), "rb");
      if (fp == nullptr) return std::nullopt;
      const auto dict = opencc::MarisaDict::NewFromFile(fp);
      std::fclose(fp);
      for (const auto& entry : *dict->GetLexicon()) {
        keys.push_back({decode(entry->Key()), decode(entry->GetDefault())});
      }
    }
  } catch (...) {  // opencc::Exception and friends: no fast path, never a wrong fold
    return std::nullopt;
  }
  CharSet set;
  for (const auto& k : keys) {
    if (k.from.size() == 1) set.insert(k.from[0]);
  }
  // A phrase that converts to itself (有序) changes nothing in a text without triggers; any other
  // phrase not yet covered gets the first character it changes (沈 of 沈默 → 沉默).
  for (const auto& k : keys) {
    if (k.from.empty() || k.from == k.to) continue;
    bool covered = false;
    for (char32_t c : k.from) covered = covered || set.contains(c);
    if (covered) continue;
    std::size_t i = 0;
    while (i < k.from.size() && i < k.to.size() && k.from[i] == k.to[i]) ++i;
    set.insert(k.from[i < k.from.size() ? i : 0]);
  }
  return set;
}

}  // namespace

struct TextFolder::Impl {
  opencc_t handle = nullptr;
  std::optional<CharSet> triggers;
};

bool TextFolder::may_convert(std::u32string_view chars) const {
  if (!impl_->triggers) return true;
  for (char32_t c : chars) {
    if (impl_->triggers->contains(c)) return true;
  }
  return false;
}

bool TextFolder::fast_path() const { return impl_->triggers.has_value(); }

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
  impl_->triggers = trigger_chars(opencc_config);
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
  if (!may_convert(pre.chars)) return pre;
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
