#pragma once
// TextFolder: the one normalization keyword matching, crisis words and the sentiment lexicon all
// compare under, so 華為, ＨＵＡＷＥＩ and Huawei meet 华为 and huawei.
//
// Per code point: full-width ASCII forms (U+FF01..U+FF5E) become ASCII, Latin capitals become
// lower case, every whitespace run (incl. U+3000 and newlines) becomes one space; then the whole
// text goes through OpenCC's Traditional→Simplified conversion (Debian's t2s.json). Folding runs
// once per text; FoldedText keeps, for every folded character, the byte offset of the original
// character it came from, so positions can be reported in the caller's text.
//
// Most text is Simplified already, and OpenCC's trie walk is the dearest step of enrichment, so
// the folder skips it when no character of the text can start a conversion. At construction it
// reads the dictionaries the config names and collects the trigger characters: every
// single-character key, and the first changed character of every phrase key made only of
// characters that are not keys themselves (phrases that convert to themselves need none). A text
// without a trigger holds no key that converts to something else, so t2s leaves it as it is. (A config whose dictionaries cannot be listed this way gets no fast path: always converted.)
//
// Construction loads OpenCC's dictionaries (start-up; throws std::runtime_error when the config
// cannot be opened). fold() is const and OpenCC's converter is immutable after loading, so one
// folder may be shared by threads.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace koubei::analysis::keywords {

inline constexpr const char* kDefaultOpenccConfig = "/usr/share/opencc/t2s.json";

struct FoldedText {
  std::u32string chars;
  /// offsets[i] = byte offset in the original text of the character chars[i] came from;
  /// offsets.back() (one extra entry) = the original's size.
  std::vector<std::uint32_t> offsets;
};

class TextFolder {
 public:
  explicit TextFolder(const std::string& opencc_config = kDefaultOpenccConfig);
  ~TextFolder();
  TextFolder(const TextFolder&) = delete;
  TextFolder& operator=(const TextFolder&) = delete;

  FoldedText fold(std::string_view utf8) const;

  /// Whether t2s could change these (already width/case folded) characters; true for every text
  /// when the fast path is off.
  bool may_convert(std::u32string_view chars) const;

  /// Whether the trigger set was built (see above).
  bool fast_path() const;

  /// The folded text as UTF-8 (for terms and lexicon keys).
  std::u32string fold_chars(std::string_view utf8) const { return fold(utf8).chars; }

 private:
  std::string convert(std::string_view utf8) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// UTF-8 encoding of folded characters (for messages and tests).
std::string to_utf8(std::u32string_view chars);

}  // namespace koubei::analysis::keywords
