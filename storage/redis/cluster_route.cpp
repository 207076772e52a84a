#include "storage/redis/cluster_route.hpp"

#include "storage/redis/cluster_slot.hpp"

#include <array>
#include <charconv>

namespace koubei::storage::redis {
namespace {

// Commands with arguments but no key. Anything else with an argv[1] is routed by it.
constexpr std::array<std::string_view, 11> kKeyless = {"SCRIPT",
                                                       "FUNCTION",
                                                       "PING",
                                                       "ECHO",
                                                       "INFO",
                                                       "WAIT",
                                                       "FLUSHALL",
                                                       "FLUSHDB",
                                                       "DBSIZE",
                                                       "CONFIG",
                                                       "CLUSTER"};

// Commands whose argv[2] is numkeys and whose keys start at argv[3].
constexpr std::array<std::string_view, 6> kNumkeysAt2 = {
    "EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO"};

template <std::size_t N>
bool one_of(std::string_view name, const std::array<std::string_view, N>& names) {
  for (std::string_view candidate : names) {
    if (command_is(name, candidate)) return true;
  }
  return false;
}

CommandRoute every_master() {
  return {CommandRoute::Kind::kEveryMaster, 0};
}

CommandRoute slot_of(std::string_view key) {
  return {CommandRoute::Kind::kSlot, key_slot(key)};
}

}  // namespace

bool command_is(std::string_view name, std::string_view upper_case) {
  if (name.size() != upper_case.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper_case[i]) return false;
  }
  return true;
}

CommandRoute route_of(const RedisBatch& batch, std::size_t i) {
  const auto name = batch.argument(i, 0);
  const auto first = batch.argument(i, 1);
  if (!name || !first || one_of(*name, kKeyless)) return every_master();
  if (!one_of(*name, kNumkeysAt2)) return slot_of(*first);
  const auto numkeys_text = batch.argument(i, 2);
  std::size_t numkeys = 0;
  if (numkeys_text) {
    const char* end = numkeys_text->data() + numkeys_text->size();
    auto [ptr, ec] = std::from_chars(numkeys_text->data(), end, numkeys);
    if (ec != std::errc() || ptr != end) numkeys = 0;
  }
  const auto key = numkeys > 0 ? batch.argument(i, 3) : std::nullopt;
  return key ? slot_of(*key) : every_master();
}

}  // namespace koubei::storage::redis
