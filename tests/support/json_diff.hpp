#pragma once
// Field-by-field comparison of two JSON documents, for golden tests: the differences as
// "path: expected X, got Y" lines (empty when equal). Object key order does not matter.

#include <string>
#include <string_view>
#include <vector>

namespace koubei::test {

std::vector<std::string> json_diff(std::string_view expected, std::string_view actual);

}  // namespace koubei::test
