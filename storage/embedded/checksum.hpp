#pragma once
// The two hash functions of the embedded store, both pure and portable (the results are stored
// on disk, so they must not depend on the standard library's std::hash):
// - crc32c(): CRC-32C (Castagnoli) over record frames, to find torn or damaged records;
// - xxh64(): XXH64 of a mention id, its 64-bit fingerprint in the dedup table.

#include <cstdint>
#include <string_view>

namespace koubei::storage::embedded {

/// CRC-32C of `data`, continuing from `crc` (0 to start).
std::uint32_t crc32c(std::string_view data, std::uint32_t crc = 0);

/// XXH64 (Yann Collet's xxHash, 64-bit variant) of `data`.
std::uint64_t xxh64(std::string_view data, std::uint64_t seed = 0);

}  // namespace koubei::storage::embedded
