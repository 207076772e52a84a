#pragma once
// Keyword expressions: the `keywords` of a [[query]] and `--keywords EXPR` (cli.md).
//
//   华为 AND (信号 OR 网络) NOT 广告        "Mate 70" NEAR/5 发热        小米 汽车 -> 小米 AND 汽车
//
// Grammar (operators are upper-case words; anything else is a term):
//   or     := and ( OR and )*
//   and    := unary ( [AND] unary )*         adjacency means AND; "a NOT b" is "a AND NOT b"
//   unary  := NOT unary | near
//   near   := atom [ NEAR/n atom ]            both atoms terms or phrases; n characters apart at most
//   atom   := TERM | "quoted phrase" | ( or )
// Full-width （ ） and “ ” are accepted as parentheses and quotes (what a Chinese IME types).
// Lower- or mixed-case `and`/`or`/`not`/`near` are rejected rather than searched as words: a user
// who typed them meant the operator; quote them ("and") to search the word.
//
// Parsing is pure and dependency-free (the configuration loader links it to reject bad queries at
// start-up). Errors carry a 1-based column counted in characters (code points), and format() draws
// the caret line under the expression, East Asian wide characters counted as two cells.
// REQUIRES: input is valid UTF-8 (TOML strings are; the CLI sanitizes its argument).
// Thread safety: plain values.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace koubei::analysis::keywords {

/// Explicit bounds on what one expression may cost to parse and evaluate.
struct ExpressionLimits {
  std::size_t max_bytes = 4096;     ///< longest expression accepted
  std::size_t max_terms = 64;       ///< terms and phrases in one expression
  std::uint32_t max_near = 1000;    ///< largest n in NEAR/n
  std::size_t max_searches = 16;    ///< platform searches one expression may expand to
};

enum class NodeKind { kTerm, kAnd, kOr, kNot, kNear };

struct Node {
  NodeKind kind = NodeKind::kTerm;
  std::string text;                   ///< kTerm: the term or phrase as written (quotes removed)
  bool phrase = false;                ///< kTerm: was quoted
  std::uint32_t distance = 0;         ///< kNear: n
  std::vector<std::size_t> children;  ///< indices into Expression::nodes
  std::uint32_t column = 0;           ///< 1-based character column of the node's first token
};

/// A parsed expression: nodes in a flat vector, children before parents.
struct Expression {
  std::string source;
  std::vector<Node> nodes;
  std::size_t root = 0;

  const Node& node(std::size_t i) const { return nodes[i]; }
};

struct SyntaxError {
  std::uint32_t column = 1;  ///< 1-based, in characters
  std::string message;

  /// "message\n  <expression>\n  <spaces>^" for terminals and logs.
  std::string format(std::string_view source) const;
};

/// Either an expression or the first syntax error.
struct ParsedExpression {
  std::optional<Expression> expression;
  std::optional<SyntaxError> error;

  bool ok() const { return expression.has_value(); }
};

ParsedExpression parse_expression(std::string_view text, const ExpressionLimits& limits = {});

/// The platform searches an expression expands to (see search_terms.cpp for the rule), or the
/// error that makes it unusable as a query (no positive term to search, too many searches).
struct SearchPlan {
  std::vector<std::string> searches;  ///< e.g. {"华为 信号", "华为 网络"}
  std::optional<SyntaxError> error;
};

SearchPlan search_terms(const Expression& e, const ExpressionLimits& limits = {});

/// Parses and plans in one step: the check the configuration loader and the CLI run.
std::optional<SyntaxError> check_expression(std::string_view text,
                                            const ExpressionLimits& limits = {});

}  // namespace koubei::analysis::keywords
