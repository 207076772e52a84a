#include "storage/spool_format.hpp"

#include <boost/crc.hpp>

namespace koubei::storage::spool_format {
namespace {

void put_u32(std::uint32_t v, std::string& out) {
  for (int shift = 0; shift < 32; shift += 8)
    out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

std::uint32_t get_u32(std::string_view bytes) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) {
    v = (v << 8) | static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
  }
  return v;
}

std::uint32_t crc_of(std::string_view bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

}  // namespace

std::size_t encoded_size(const OutRecord& record) {
  return kFrameHeaderBytes + 4 + record.id.size() + record.json.size();
}

void append_record(const OutRecord& record, std::string& out) {
  const std::size_t header_at = out.size();
  out.append(kFrameHeaderBytes, '\0');
  const std::size_t payload_at = out.size();
  put_u32(static_cast<std::uint32_t>(record.id.size()), out);
  out += record.id;
  out += record.json;
  const std::string_view payload(out.data() + payload_at, out.size() - payload_at);
  std::string header;
  put_u32(static_cast<std::uint32_t>(payload.size()), header);
  put_u32(crc_of(payload), header);
  out.replace(header_at, kFrameHeaderBytes, header);
}

std::optional<FrameHeader> parse_header(std::string_view eight_bytes) {
  if (eight_bytes.size() < kFrameHeaderBytes) return std::nullopt;
  FrameHeader header{get_u32(eight_bytes), get_u32(eight_bytes.substr(4))};
  if (header.length < 4 || header.length > kMaxPayloadBytes) return std::nullopt;
  return header;
}

std::optional<OutRecord> parse_payload(const FrameHeader& header, std::string_view payload) {
  if (payload.size() != header.length || crc_of(payload) != header.crc) return std::nullopt;
  const std::uint32_t id_length = get_u32(payload);
  if (id_length > payload.size() - 4) return std::nullopt;
  return OutRecord{std::string(payload.substr(4, id_length)),
                   std::string(payload.substr(4 + id_length))};
}

}  // namespace koubei::storage::spool_format
