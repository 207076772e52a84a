#pragma once
// DeadLetterFile: alerts that no delivery channel accepted, appended as koubei.alert.v1 JSON lines
// to one file (created with its directories; fsync'd per alert, since these are the alerts
// someone must still read). An operator replays or reads them; koubei never deletes them.
// Errors (disk full, permissions) are values naming the path. Thread safety: none; one strand.

#include <filesystem>
#include <optional>
#include <span>
#include <vector>

#include "analysis/alerts/alert_sink.hpp"

namespace koubei::alerts {

class DeadLetterFile final : public analysis::alerts::AlertSink {
 public:
  explicit DeadLetterFile(std::filesystem::path path) : path_(std::move(path)) {}
  Result<void> deliver(const analysis::alerts::Alert& alert) override;
  std::string_view name() const override { return "dead_letter"; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Delivers to every channel; when none of `channels` accepted the alert (or there are none),
/// writes it to `dead_letter`. Returns how many channels failed; the dead-letter error, if that
/// failed too, is in `error`; each channel's own error (nullopt = accepted) in `channel_errors`.
struct FanOutResult {
  std::size_t failed = 0;
  bool dead_lettered = false;
  std::optional<Error> error;
  std::vector<std::optional<Error>> channel_errors;  ///< one per channel, in order
};
FanOutResult deliver_all(const analysis::alerts::Alert& alert,
                         std::span<analysis::alerts::AlertSink* const> channels,
                         analysis::alerts::AlertSink& dead_letter);

}  // namespace koubei::alerts
