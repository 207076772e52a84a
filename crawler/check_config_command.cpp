// koubei check-config --config FILE: validate, then print the effective configuration with every
// secret masked. Exit 0 when valid, 2 with every problem listed ("file:line:col: key: …") when not.
#include <iostream>
#include <memory>

#include "config/load.hpp"
#include "config/print.hpp"
#include "crawler/commands.hpp"

namespace koubei::cli {

void add_check_config(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<CheckConfigOptions>();
  CLI::App* cmd = app.add_subcommand(
      "check-config", "Validate a configuration file and print the effective configuration");
  cmd->add_option("--config,-c", options->config_file, "Configuration file (TOML)")->required();
  cmd->callback([options, exit_code] {
    try {
      const config::Config config = config::load(options->config_file);
      std::cout << config::to_toml(config);
      std::cerr << options->config_file << ": configuration is valid\n";
      *exit_code = kExitOk;
    } catch (const config::LoadError& e) {
      std::cerr << e.what();
      const auto n = e.diagnostics().size();
      if (n != 0) {
        std::cerr << options->config_file << ": " << n << (n == 1 ? " problem" : " problems")
                  << "; nothing was started\n";
      }
      *exit_code = kExitUsage;
    }
  });
}

}  // namespace koubei::cli
