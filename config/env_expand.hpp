#pragma once
// ${ENV} expansion for configuration strings.
//
//   ${NAME}           the variable's value; an unset variable is an error
//   ${NAME:-default}  the value, or default when NAME is unset or empty
//   $$                a literal "$"
// Any other "$" is literal. NAME is [A-Za-z_][A-Za-z0-9_]*.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace koubei::config {

/// Looks up an environment variable; std::nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

/// The process environment (getenv).
EnvLookup process_env();

struct Expanded {
  std::string value;
  std::string error;  ///< empty on success; otherwise what is wrong, e.g. "environment variable X is not set"
  bool used_env = false;
};

Expanded expand_env(std::string_view text, const EnvLookup& env);

}  // namespace koubei::config
