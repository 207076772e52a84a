#include "tests/support/json_diff.hpp"

#include <simdjson.h>

#include <set>

namespace koubei::test {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

std::string show(element e) { return simdjson::minify(e); }

void diff(element want, element got, const std::string& path, std::vector<std::string>& out) {
  if (want.type() != got.type()) {
    // 1 and 1.0 are the same number to a reader of the record.
    const bool numbers = (want.is_number() && got.is_number());
    if (!numbers || want.get_double().value() != got.get_double().value()) {
      out.push_back(path + ": expected " + show(want) + ", got " + show(got));
    }
    return;
  }
  switch (want.type()) {
    case element_type::OBJECT: {
      std::set<std::string_view> keys;
      for (auto [k, v] : want.get_object()) keys.insert(k);
      for (auto [k, v] : got.get_object()) keys.insert(k);
      for (std::string_view k : keys) {
        element a;
        element b;
        const bool has_a = want[k].get(a) == simdjson::SUCCESS;
        const bool has_b = got[k].get(b) == simdjson::SUCCESS;
        const std::string sub = path + "." + std::string(k);
        if (!has_a) {
          out.push_back(sub + ": unexpected field, got " + show(b));
        } else if (!has_b) {
          out.push_back(sub + ": missing, expected " + show(a));
        } else {
          diff(a, b, sub, out);
        }
      }
      return;
    }
    case element_type::ARRAY: {
      const auto wa = want.get_array().value();
      const auto ga = got.get_array().value();
      if (wa.size() != ga.size()) {
        out.push_back(path + ": expected " + show(want) + ", got " + show(got));
        return;
      }
      for (std::size_t i = 0; i < wa.size(); ++i) {
        diff(wa.at(i).value(), ga.at(i).value(), path + "[" + std::to_string(i) + "]", out);
      }
      return;
    }
    default:
      if (show(want) != show(got)) {
        out.push_back(path + ": expected " + show(want) + ", got " + show(got));
      }
  }
}

}  // namespace

std::vector<std::string> json_diff(std::string_view expected, std::string_view actual) {
  simdjson::dom::parser pa;
  simdjson::dom::parser pb;
  element a;
  element b;
  std::vector<std::string> out;
  if (pa.parse(simdjson::padded_string(expected)).get(a) != simdjson::SUCCESS) {
    out.push_back("expected side is not JSON: " + std::string(expected.substr(0, 80)));
    return out;
  }
  if (pb.parse(simdjson::padded_string(actual)).get(b) != simdjson::SUCCESS) {
    out.push_back("actual side is not JSON: " + std::string(actual.substr(0, 80)));
    return out;
  }
  diff(a, b, "$", out);
  return out;
}

}  // namespace koubei::test
