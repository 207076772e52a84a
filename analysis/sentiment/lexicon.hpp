#pragma once
// The koubei.lexicon.v1 sentiment lexicon: customer-voice words with signed weights, and the
// modifiers that change them (negators, degree words, contrast words, rhetorical and question
// markers). The data lives in analysis/sentiment/lexicon/*.tsv and is compiled into the binary
// (CMake generates lexicon_data.cpp from it), so a deployed koubei needs no data files beyond
// OpenCC's.
//
// Terms are stored folded (text_folder.hpp), so 滿意 and 满意, YYDS and yyds are one entry.
// Lookup is longest match at a position. Immutable after construction; share freely.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/keywords/text_folder.hpp"

namespace koubei::analysis::sentiment {

enum class EntryKind { kWord, kNegator, kDegree, kContrast, kRhetorical, kQuestion };

struct Entry {
  EntryKind kind = EntryKind::kWord;
  double value = 0;    ///< kWord: signed weight; kDegree: multiplier; kContrast: later-clause weight
  std::string aspect;  ///< kWord: service, logistics, quality, after_sales, price, staff, ...
};

class Lexicon {
 public:
  /// The compiled-in lexicon. Throws std::runtime_error on a malformed line (a build defect).
  static Lexicon builtin(const keywords::TextFolder& folder);

  /// Parses the two TSV texts (formats: the headers of lexicon/words.tsv and modifiers.tsv).
  /// Throws std::runtime_error naming "file:line" on a malformed line.
  static Lexicon parse(std::string_view words_tsv, std::string_view modifiers_tsv,
                       const keywords::TextFolder& folder);

  /// The longest entry starting at text[pos], and its length in characters (0 when none).
  const Entry* longest_at(std::u32string_view text, std::size_t pos, std::size_t& length) const;

  std::size_t size() const { return entries_.size(); }

 private:
  void add(std::u32string term, Entry entry, const std::string& where);

  struct Candidate {
    std::u32string term;
    Entry entry;
  };

  std::unordered_map<std::u32string, Entry> entries_;  ///< every term, for duplicates and size()
  /// The same entries by first character, longest term first: longest_at() compares in place
  /// instead of hashing every prefix length at every position.
  std::unordered_map<char32_t, std::vector<Candidate>> by_first_;
  /// One bit per BMP character: does any term start with it? Most characters of a text start
  /// none, and a bit test is cheaper than the hash lookup (which was 5% of a throughput run).
  std::vector<std::uint64_t> starts_bmp_ = std::vector<std::uint64_t>(0x10000 / 64, 0);
  std::size_t max_length_ = 0;
};

}  // namespace koubei::analysis::sentiment
