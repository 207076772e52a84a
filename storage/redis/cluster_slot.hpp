#pragma once
// Redis Cluster key slots: which of the 16384 hash slots a key belongs to (Redis Cluster
// specification, "Keys distribution model"): CRC16-XMODEM of the key modulo 16384, where only the
// hash tag is hashed when the key has one: the bytes between the first '{' and the first '}'
// after it, provided they are not empty. "{user1000}.following" and "{user1000}.followers" share a
// slot; "foo{}{bar}" hashes the whole key; "foo{{bar}}zap" hashes "{bar".
//
// koubei's keys put their entity in a hash tag (key_schema.hpp), so the slot of every key of one
// mention, author or job is the same.
//
// Pure functions.

#include <cstdint>
#include <string_view>

namespace koubei::storage::redis {

inline constexpr std::uint16_t kClusterSlotCount = 16384;

/// CRC16 with polynomial 0x1021, initial value 0, no reflection (the "XMODEM" variant).
std::uint16_t crc16_xmodem(std::string_view bytes);

/// The bytes of `key` that decide its slot: the hash tag when there is a non-empty one, else the
/// whole key.
std::string_view hashed_part(std::string_view key);

/// The slot (0..16383) of `key`.
std::uint16_t key_slot(std::string_view key);

}  // namespace koubei::storage::redis
