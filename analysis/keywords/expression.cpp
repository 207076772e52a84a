#include "analysis/keywords/expression.hpp"

#include <array>
#include <cctype>
#include <charconv>

namespace koubei::analysis::keywords {
namespace {

enum class Tok { kWord, kPhrase, kLParen, kRParen, kAnd, kOr, kNot, kNear, kEnd };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
  std::uint32_t distance = 0;
  std::uint32_t column = 1;
};

// Multi-byte delimiters an IME produces, and what they stand for.
struct Wide {
  std::string_view utf8;
  char ascii;
};
constexpr std::array<Wide, 5> kWideDelimiters{{
    {"\xEF\xBC\x88", '('},  // （
    {"\xEF\xBC\x89", ')'},  // ）
    {"\xE2\x80\x9C", '"'},  // “
    {"\xE2\x80\x9D", '"'},  // ”
    {"\xE3\x80\x80", ' '},  // ideographic space
}};

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Distinguishes ASCII whitespace without locale.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  // The next token, or an error.
  std::optional<SyntaxError> next(Token& out) {
    skip_space();
    out = Token{};
    out.column = column_;
    if (pos_ >= text_.size()) return std::nullopt;
    const char c = delimiter_at(pos_);
    if (c == '(' || c == ')') {
      out.kind = c == '(' ? Tok::kLParen : Tok::kRParen;
      advance_char();
      return std::nullopt;
    }
    if (c == '"') return phrase(out);
    return word(out);
  }

  std::uint32_t column() const { return column_; }

 private:
  // The ASCII meaning of the delimiter at pos, or 0.
  char delimiter_at(std::size_t pos) const {
    const char c = text_[pos];
    if (c == '(' || c == ')' || c == '"') return c;
    if (is_space(c)) return ' ';
    for (const Wide& w : kWideDelimiters) {
      if (text_.substr(pos).starts_with(w.utf8)) return w.ascii;
    }
    return 0;
  }

  void advance_char() {
    ++pos_;
    while (pos_ < text_.size() && is_continuation(text_[pos_])) ++pos_;
    ++column_;
  }

  void skip_space() {
    while (pos_ < text_.size() && delimiter_at(pos_) == ' ') advance_char();
  }

  std::optional<SyntaxError> phrase(Token& out) {
    const std::uint32_t open = column_;
    advance_char();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && delimiter_at(pos_) != '"') advance_char();
    if (pos_ >= text_.size()) {
      return SyntaxError{open, "unterminated phrase: this quote is never closed"};
    }
    std::string inside(text_.substr(start, pos_ - start));
    advance_char();
    // Runs of spaces inside a phrase mean one space (the folded text collapses them too).
    std::string collapsed;
    bool space = false;
    for (char ch : inside) {
      if (is_space(ch)) {
        space = !collapsed.empty();
        continue;
      }
      if (space) collapsed.push_back(' ');
      space = false;
      collapsed.push_back(ch);
    }
    if (collapsed.empty()) return SyntaxError{open, "empty phrase: put words between the quotes"};
    out.kind = Tok::kPhrase;
    out.text = std::move(collapsed);
    return std::nullopt;
  }

  std::optional<SyntaxError> word(Token& out) {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && delimiter_at(pos_) == 0) advance_char();
    const std::string_view w = text_.substr(start, pos_ - start);
    out.text = std::string(w);
    out.kind = Tok::kWord;
    if (w == "AND") out.kind = Tok::kAnd;
    if (w == "OR") out.kind = Tok::kOr;
    if (w == "NOT") out.kind = Tok::kNot;
    if (out.kind != Tok::kWord) return std::nullopt;
    if (w == "NEAR" || w.starts_with("NEAR/")) return near(w, out);
    const bool near_like = w.size() > 4 && iequals(w.substr(0, 5), "near/");
    for (std::string_view op : {"and", "or", "not", "near"}) {
      if (iequals(w, op) || (op == "near" && near_like)) {
        std::string upper(op);
        for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        return SyntaxError{out.column, "\"" + std::string(w) + "\": operators are upper-case (write " +
                                           upper + (op == "near" ? "/5" : "") +
                                           ", or quote \"" + std::string(w) +
                                           "\" to search the word)"};
      }
    }
    return std::nullopt;
  }

  std::optional<SyntaxError> near(std::string_view w, Token& out) const {
    if (w.size() < 6 || w[4] != '/') {
      return SyntaxError{out.column, "NEAR needs a distance in characters, e.g. NEAR/5"};
    }
    const std::string_view digits = w.substr(5);
    std::uint32_t n = 0;
    const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (r.ec != std::errc() || r.ptr != digits.data() + digits.size()) {
      return SyntaxError{out.column, "NEAR/" + std::string(digits) +
                                         ": the distance must be a whole number of characters, "
                                         "e.g. NEAR/5"};
    }
    out.kind = Tok::kNear;
    out.distance = n;
    return std::nullopt;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::uint32_t column_ = 1;
};

std::string_view describe(const Token& t) {
  switch (t.kind) {
    case Tok::kAnd: return "AND";
    case Tok::kOr: return "OR";
    case Tok::kNot: return "NOT";
    case Tok::kNear: return "NEAR";
    case Tok::kLParen: return "(";
    case Tok::kRParen: return ")";
    case Tok::kEnd: return "the end";
    default: return "a term";
  }
}

class Parser {
 public:
  Parser(std::string_view text, const ExpressionLimits& limits) : lexer_(text), limits_(limits) {
    expr_.source = std::string(text);
  }

  ParsedExpression run() {
    ParsedExpression out;
    if (!advance()) return fail(out);
    if (current_.kind == Tok::kEnd) {
      error_ = SyntaxError{1, "empty expression: give at least one term to search for"};
      return fail(out);
    }
    const auto root = parse_or();
    if (!root) return fail(out);
    if (current_.kind == Tok::kRParen) {
      error_ = SyntaxError{current_.column, "unbalanced parenthesis: this ) closes nothing"};
      return fail(out);
    }
    expr_.root = *root;
    out.expression = std::move(expr_);
    return out;
  }

 private:
  ParsedExpression fail(ParsedExpression& out) {
    out.error = error_;
    return std::move(out);
  }

  bool advance() {
    if (auto e = lexer_.next(current_)) {
      error_ = *e;
      return false;
    }
    return true;
  }

  bool starts_operand(Tok t) const {
    return t == Tok::kWord || t == Tok::kPhrase || t == Tok::kLParen || t == Tok::kNot;
  }

  std::size_t add(Node n) {
    expr_.nodes.push_back(std::move(n));
    return expr_.nodes.size() - 1;
  }

  std::optional<std::size_t> binary(NodeKind kind, std::size_t first, std::uint32_t column,
                                    std::vector<std::size_t> rest) {
    if (rest.empty()) return first;
    Node n{kind, {}, false, 0, {first}, column};
    n.children.insert(n.children.end(), rest.begin(), rest.end());
    return add(std::move(n));
  }

  std::optional<std::size_t> parse_or() {
    const std::uint32_t column = current_.column;
    auto first = parse_and();
    if (!first) return std::nullopt;
    std::vector<std::size_t> rest;
    while (current_.kind == Tok::kOr) {
      if (!advance()) return std::nullopt;
      auto next = parse_and("OR");
      if (!next) return std::nullopt;
      rest.push_back(*next);
    }
    return binary(NodeKind::kOr, *first, column, std::move(rest));
  }

  std::optional<std::size_t> parse_and(std::string_view after = {}) {
    const std::uint32_t column = current_.column;
    auto first = parse_unary(after);
    if (!first) return std::nullopt;
    std::vector<std::size_t> rest;
    while (current_.kind == Tok::kAnd || starts_operand(current_.kind)) {
      std::string_view op;
      if (current_.kind == Tok::kAnd) {
        op = "AND";
        if (!advance()) return std::nullopt;
      }
      auto next = parse_unary(op);
      if (!next) return std::nullopt;
      rest.push_back(*next);
    }
    return binary(NodeKind::kAnd, *first, column, std::move(rest));
  }

  std::optional<std::size_t> parse_unary(std::string_view after) {
    if (current_.kind != Tok::kNot) return parse_near(after);
    const std::uint32_t column = current_.column;
    if (!advance()) return std::nullopt;
    auto operand = parse_unary("NOT");
    if (!operand) return std::nullopt;
    return add(Node{NodeKind::kNot, {}, false, 0, {*operand}, column});
  }

  std::optional<std::size_t> parse_near(std::string_view after) {
    const bool left_is_term = current_.kind == Tok::kWord || current_.kind == Tok::kPhrase;
    auto left = parse_atom(after);
    if (!left) return std::nullopt;
    if (current_.kind != Tok::kNear) return left;
    const Token op = current_;
    if (!left_is_term) {
      error_ = SyntaxError{op.column, "NEAR joins two terms or phrases, not a group"};
      return std::nullopt;
    }
    if (op.distance > limits_.max_near) {
      error_ = SyntaxError{op.column, "NEAR/" + std::to_string(op.distance) + " is wider than " +
                                          std::to_string(limits_.max_near) + " characters"};
      return std::nullopt;
    }
    if (!advance()) return std::nullopt;
    if (current_.kind != Tok::kWord && current_.kind != Tok::kPhrase) {
      error_ = SyntaxError{current_.column, "expected a term or phrase after NEAR, got " +
                                                std::string(describe(current_))};
      return std::nullopt;
    }
    auto right = parse_atom("NEAR");
    if (!right) return std::nullopt;
    if (current_.kind == Tok::kNear) {
      error_ = SyntaxError{current_.column,
                           "NEAR cannot be chained; write a NEAR/5 b AND b NEAR/5 c"};
      return std::nullopt;
    }
    return add(Node{NodeKind::kNear, {}, false, op.distance, {*left, *right}, op.column});
  }

  std::optional<std::size_t> parse_atom(std::string_view after) {
    const Token t = current_;
    switch (t.kind) {
      case Tok::kWord:
      case Tok::kPhrase: {
        if (++terms_ > limits_.max_terms) {
          error_ = SyntaxError{t.column, "more than " + std::to_string(limits_.max_terms) +
                                             " terms in one expression"};
          return std::nullopt;
        }
        if (!advance()) return std::nullopt;
        return add(Node{NodeKind::kTerm, t.text, t.kind == Tok::kPhrase, 0, {}, t.column});
      }
      case Tok::kLParen: {
        if (!advance()) return std::nullopt;
        if (current_.kind == Tok::kRParen) {
          error_ = SyntaxError{current_.column, "empty parentheses"};
          return std::nullopt;
        }
        auto inner = parse_or();
        if (!inner) return std::nullopt;
        if (current_.kind != Tok::kRParen) {
          error_ = SyntaxError{t.column, "unbalanced parenthesis: this ( is never closed"};
          return std::nullopt;
        }
        if (!advance()) return std::nullopt;
        return inner;
      }
      default: break;
    }
    if (t.kind == Tok::kRParen && after.empty()) {
      error_ = SyntaxError{t.column, "unbalanced parenthesis: this ) closes nothing"};
    } else if (after.empty()) {
      error_ = SyntaxError{t.column, "expected a term before " + std::string(describe(t))};
    } else {
      error_ = SyntaxError{t.column, "expected a term, phrase or ( after " + std::string(after) +
                                         ", got " + std::string(describe(t))};
    }
    return std::nullopt;
  }

  Lexer lexer_;
  const ExpressionLimits& limits_;
  Expression expr_;
  Token current_;
  std::size_t terms_ = 0;
  SyntaxError error_;
};

// Display cells of a code point starting at s[i] (East Asian wide ranges take two).
unsigned cells(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return 1;
  char32_t cp = 0;
  std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  cp = b & (0xFF >> (n + 1));
  for (std::size_t k = 1; k < n && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
                    (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

}  // namespace

std::string SyntaxError::format(std::string_view source) const {
  std::string out = message + "\n  " + std::string(source) + "\n  ";
  std::uint32_t col = 1;
  for (std::size_t i = 0; i < source.size() && col < column; ++i) {
    if (is_continuation(source[i])) continue;
    out.append(source[i] == '\t' ? 1 : cells(source, i), source[i] == '\t' ? '\t' : ' ');
    ++col;
  }
  // Columns past the end (an operand missing at the end) still get their caret.
  for (; col < column; ++col) out.push_back(' ');
  out += "^";
  return out;
}

ParsedExpression parse_expression(std::string_view text, const ExpressionLimits& limits) {
  if (text.size() > limits.max_bytes) {
    ParsedExpression out;
    out.error = SyntaxError{1, "expression longer than " + std::to_string(limits.max_bytes) + " bytes"};
    return out;
  }
  return Parser(text, limits).run();
}

std::optional<SyntaxError> check_expression(std::string_view text, const ExpressionLimits& limits) {
  ParsedExpression parsed = parse_expression(text, limits);
  if (!parsed.ok()) return parsed.error;
  return search_terms(*parsed.expression, limits).error;
}

}  // namespace koubei::analysis::keywords
