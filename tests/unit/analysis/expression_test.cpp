#include "analysis/keywords/expression.hpp"

#include <catch2/catch.hpp>

using namespace koubei::analysis::keywords;

namespace {

// A compact rendering of the tree, to compare parses in a table: AND(a,OR(b,c),NOT(d)).
std::string render(const Expression& e, std::size_t i) {
  const Node& n = e.node(i);
  if (n.kind == NodeKind::kTerm) return n.phrase ? "\"" + n.text + "\"" : n.text;
  std::string out = n.kind == NodeKind::kAnd   ? "AND("
                    : n.kind == NodeKind::kOr  ? "OR("
                    : n.kind == NodeKind::kNot ? "NOT("
                                               : "NEAR" + std::to_string(n.distance) + "(";
  for (std::size_t k = 0; k < n.children.size(); ++k) {
    out += (k == 0 ? "" : ",") + render(e, n.children[k]);
  }
  return out + ")";
}

std::string render(std::string_view text) {
  const ParsedExpression p = parse_expression(text);
  if (!p.ok()) return "error@" + std::to_string(p.error->column) + ": " + p.error->message;
  return render(*p.expression, p.expression->root);
}

}  // namespace

TEST_CASE("keyword expressions parse with AND, OR, NOT, groups, phrases and adjacency",
          "[analysis][keywords]") {
  struct Row {
    const char* text;
    const char* tree;
  };
  const Row rows[] = {
      {"华为", "华为"},
      {"华为 AND (信号 OR 网络) NOT 广告", "AND(华为,OR(信号,网络),NOT(广告))"},
      {"小米 汽车", "AND(小米,汽车)"},
      {"a OR b c", "OR(a,AND(b,c))"},  // AND binds tighter than OR
      {"NOT a b", "AND(NOT(a),b)"},
      {"NOT NOT a", "NOT(NOT(a))"},
      {"\"Mate 70\"  NEAR/5 发热", "NEAR5(\"Mate 70\",发热)"},
      {"\"a   b\"", "\"a b\""},                      // runs of spaces in a phrase are one space
      {"（华为 OR 荣耀）“续航  差”", "AND(OR(华为,荣耀),\"续航 差\")"},  // IME punctuation
      {"华为　信号", "AND(华为,信号)"},                // ideographic space separates
      {"\"and\" OR \"NOT\"", "OR(\"and\",\"NOT\")"},  // quoted operators are words
      {"NEAR/0 OR x", "error@1: expected a term before NEAR"},
      {"a NEAR/0 b", "NEAR0(a,b)"},
      {"c++ OR c#", "OR(c++,c#)"},
      {"((a))", "a"},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    CHECK(render(row.text) == row.tree);
  }
}

TEST_CASE("expressions users get wrong are errors at the right column", "[analysis][keywords]") {
  struct Row {
    const char* text;
    std::uint32_t column;
    const char* message_part;
  };
  const Row rows[] = {
      {"", 1, "empty expression"},
      {"   ", 1, "empty expression"},
      {"(华为 OR 荣耀", 1, "this ( is never closed"},
      {"华为 OR 荣耀)", 9, "this ) closes nothing"},
      {"华为 (信号))", 8, "this ) closes nothing"},
      {"华为 AND AND 信号", 8, "after AND, got AND"},
      {"AND 华为", 1, "expected a term before AND"},
      {"华为 OR", 6, "after OR, got the end"},
      {"NOT", 4, "after NOT, got the end"},
      {"华为 NOT", 7, "after NOT, got the end"},
      {"华为 and 信号", 4, "operators are upper-case (write AND"},
      {"华为 Or 信号", 4, "operators are upper-case (write OR"},
      {"not 广告", 1, "write NOT"},
      {"a near/3 b", 3, "write NEAR/5"},
      {"华为 NEAR 信号", 4, "NEAR needs a distance"},
      {"华为 NEAR/ 信号", 4, "NEAR needs a distance"},
      {"华为 NEAR/x 信号", 4, "whole number"},
      {"华为 NEAR/5000 信号", 4, "wider than 1000"},
      {"(a OR b) NEAR/3 c", 10, "NEAR joins two terms"},
      {"a NEAR/3 (b)", 10, "expected a term or phrase after NEAR"},
      {"a NEAR/3 b NEAR/3 c", 12, "cannot be chained"},
      {"华为 \"\"", 4, "empty phrase"},
      {"华为 \"  \"", 4, "empty phrase"},
      {"\"华为 信号", 1, "unterminated phrase"},
      {"华为 ()", 5, "empty parentheses"},
      {"a OR OR b", 6, "after OR, got OR"},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const ParsedExpression p = parse_expression(row.text);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error->column == row.column);
    CHECK_THAT(p.error->message, Catch::Contains(row.message_part));
  }
}

TEST_CASE("the caret line points at the column, wide characters taking two cells",
          "[analysis][keywords]") {
  const ParsedExpression p = parse_expression("华为 and 信号");
  REQUIRE_FALSE(p.ok());
  CHECK(p.error->format("华为 and 信号") ==
        p.error->message + "\n  华为 and 信号\n       ^");
  const ParsedExpression end = parse_expression("a OR");
  REQUIRE_FALSE(end.ok());
  CHECK(end.error->format("a OR") == end.error->message + "\n  a OR\n      ^");
}

TEST_CASE("limits on length and terms are explicit", "[analysis][keywords]") {
  ExpressionLimits limits;
  limits.max_bytes = 10;
  limits.max_terms = 3;
  CHECK_THAT(parse_expression("abcdefghijk", limits).error->message, Catch::Contains("longer than 10"));
  CHECK(parse_expression("a b c", limits).ok());
  const auto four = parse_expression("a b c d", limits);
  REQUIRE_FALSE(four.ok());
  CHECK(four.error->column == 7);
}

TEST_CASE("platform searches are the positive terms in disjunctive normal form",
          "[analysis][keywords]") {
  struct Row {
    const char* text;
    std::vector<std::string> searches;
  };
  const std::vector<Row> rows = {
      {"华为", {"华为"}},
      {"华为 AND (信号 OR 网络) NOT 广告", {"华为 信号", "华为 网络"}},
      {"(a OR b) (c OR d)", {"a c", "a d", "b c", "b d"}},
      {"a OR a", {"a"}},
      {"a a b", {"a b"}},
      {"\"Mate 70\" NEAR/5 发热", {"Mate 70 发热"}},
      {"a NOT (b OR c)", {"a"}},
      {"(a NOT b) OR c", {"a", "c"}},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const ParsedExpression p = parse_expression(row.text);
    REQUIRE(p.ok());
    const SearchPlan plan = search_terms(*p.expression);
    CHECK_FALSE(plan.error);
    CHECK(plan.searches == row.searches);
  }
}

TEST_CASE("an expression with nothing positive to search is an error", "[analysis][keywords]") {
  for (const char* text : {"NOT 广告", "NOT NOT a", "NOT (a OR b)", "a OR NOT b"}) {
    INFO(text);
    const auto error = check_expression(text);
    REQUIRE(error);
    CHECK_THAT(error->message, Catch::Contains("positive term"));
  }
  CHECK_FALSE(check_expression("华为 NOT 广告"));
}

TEST_CASE("an expansion beyond max_searches is an error, not a flood of requests",
          "[analysis][keywords]") {
  ExpressionLimits limits;
  limits.max_searches = 4;
  CHECK_FALSE(check_expression("(a OR b) (c OR d)", limits));
  const auto error = check_expression("(a OR b) (c OR d) (e OR f)", limits);
  REQUIRE(error);
  CHECK_THAT(error->message, Catch::Contains("more than 4 platform searches"));
}
