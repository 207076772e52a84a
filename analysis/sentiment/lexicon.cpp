#include "analysis/sentiment/lexicon.hpp"

#include <charconv>
#include <stdexcept>
#include <algorithm>
#include <vector>

namespace koubei::analysis::sentiment {
namespace detail {
extern const char* const kWordsTsv;
extern const char* const kModifiersTsv;
}  // namespace detail

namespace {

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = line.find(sep, start);
    out.push_back(line.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

bool parse_double(std::string_view s, double& out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// Calls fn(fields, "file:line") for every non-comment, non-blank line.
template <class Fn>
void for_each_line(std::string_view text, const std::string& file, Fn fn) {
  std::size_t line_no = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    fn(split(line, '\t'), file + ":" + std::to_string(line_no));
  }
}

EntryKind modifier_kind(std::string_view name, const std::string& where) {
  if (name == "negator") return EntryKind::kNegator;
  if (name == "degree") return EntryKind::kDegree;
  if (name == "contrast") return EntryKind::kContrast;
  if (name == "rhetorical") return EntryKind::kRhetorical;
  if (name == "question") return EntryKind::kQuestion;
  throw std::runtime_error(where + ": unknown modifier kind \"" + std::string(name) + "\"");
}

}  // namespace

void Lexicon::add(std::u32string term, Entry entry, const std::string& where) {
  if (term.empty()) throw std::runtime_error(where + ": empty term");
  if (!entries_.emplace(term, entry).second) {
    throw std::runtime_error(where + ": duplicate term \"" + keywords::to_utf8(term) + "\"");
  }
  max_length_ = std::max(max_length_, term.size());
  if (const char32_t first = term.front(); first < 0x10000) {
    starts_bmp_[first / 64] |= std::uint64_t{1} << (first % 64);
  }
  auto& bucket = by_first_[term.front()];
  const auto at = std::find_if(bucket.begin(), bucket.end(),
                               [&](const Candidate& c) { return c.term.size() < term.size(); });
  bucket.insert(at, Candidate{std::move(term), std::move(entry)});
}

Lexicon Lexicon::parse(std::string_view words_tsv, std::string_view modifiers_tsv,
                       const keywords::TextFolder& folder) {
  Lexicon lex;
  for_each_line(words_tsv, "words.tsv", [&](const auto& f, const std::string& where) {
    double weight = 0;
    if (f.size() != 3 || !parse_double(f[1], weight)) {
      throw std::runtime_error(where + ": expected term<TAB>weight<TAB>aspect");
    }
    lex.add(folder.fold_chars(f[0]), Entry{EntryKind::kWord, weight, std::string(f[2])}, where);
  });
  for_each_line(modifiers_tsv, "modifiers.tsv", [&](const auto& f, const std::string& where) {
    double value = 0;
    if (f.size() != 3 || !parse_double(f[2], value)) {
      throw std::runtime_error(where + ": expected kind<TAB>term<TAB>value");
    }
    lex.add(folder.fold_chars(f[1]), Entry{modifier_kind(f[0], where), value, {}}, where);
  });
  return lex;
}

Lexicon Lexicon::builtin(const keywords::TextFolder& folder) {
  return parse(detail::kWordsTsv, detail::kModifiersTsv, folder);
}

const Entry* Lexicon::longest_at(std::u32string_view text, std::size_t pos,
                                 std::size_t& length) const {
  length = 0;
  if (pos >= text.size()) return nullptr;
  const char32_t first = text[pos];
  if (first < 0x10000 && (starts_bmp_[first / 64] >> (first % 64) & 1) == 0) return nullptr;
  const auto it = by_first_.find(first);
  if (it == by_first_.end()) return nullptr;
  const std::u32string_view rest = text.substr(pos);
  for (const Candidate& c : it->second) {
    if (rest.starts_with(c.term)) {
      length = c.term.size();
      return &c.entry;
    }
  }
  return nullptr;
}

}  // namespace koubei::analysis::sentiment
