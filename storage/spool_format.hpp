#pragma once
// The spool's on-disk record framing (storage/README.md "## Spool" describes it in prose).
//
//   segment := magic record*            magic = "KBSPOOL1" (8 bytes)
//   record  := length:u32le crc:u32le payload[length]
//   payload := id_length:u32le id json  crc = CRC-32 (IEEE) of payload
//
// Pure functions on bytes: no IO, no allocation beyond the output, safe from any thread.

#include "storage/sink.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace koubei::storage::spool_format {

inline constexpr std::string_view kMagic = "KBSPOOL1";
inline constexpr std::string_view kSegmentSuffix = ".spool";
inline constexpr std::size_t kFrameHeaderBytes = 8;
/// A length above this is taken for corruption, never allocated (a record is one mention).
inline constexpr std::uint32_t kMaxPayloadBytes = 64U << 20;

/// Bytes one record takes on disk.
std::size_t encoded_size(const OutRecord& record);

/// Appends the framed record to out.
void append_record(const OutRecord& record, std::string& out);

struct FrameHeader {
  std::uint32_t length = 0;
  std::uint32_t crc = 0;
};

/// Reads a frame header; nullopt when its length is impossible (> kMaxPayloadBytes).
std::optional<FrameHeader> parse_header(std::string_view eight_bytes);

/// The record in a payload whose CRC matched the header; nullopt when the CRC or the inner id
/// length does not fit (corruption).
std::optional<OutRecord> parse_payload(const FrameHeader& header, std::string_view payload);

}  // namespace koubei::storage::spool_format
