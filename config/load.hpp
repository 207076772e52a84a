#pragma once
// Loading koubei's TOML configuration into config::Config (start-up and SIGHUP reload only).
//
// load() reads the whole file, reports every problem at once, and either returns a complete,
// validated Config or throws LoadError; it never returns half a configuration. Defaults are the
// ones documented in config/config.hpp and config/koubei.example.toml.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "config/env_expand.hpp"
#include "config/toml_reader.hpp"

namespace koubei::config {

/// A configuration that cannot be used. what() is one "file:line:col: key: problem" line per
/// problem, in file order. Exit code 2 by convention (cli.md).
class LoadError : public std::runtime_error {
 public:
  LoadError(std::string text, std::vector<Diagnostic> diagnostics)
      : std::runtime_error(std::move(text)), diagnostics_(std::move(diagnostics)) {}
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Loads and validates a configuration file.
Config load(const std::string& path, const EnvLookup& env = process_env());

/// Loads from text; `name` stands for the file in diagnostics.
Config load_string(std::string_view text, const std::string& name,
                   const EnvLookup& env = process_env());

}  // namespace koubei::config
