#include "sandbox/signer.hpp"

#include "sandbox/render_common.hpp"

namespace koubei::sandbox {

std::string xhs_signature(std::uint64_t key, std::string_view x_t, std::string_view uri,
                          std::string_view body) {
  std::string data(x_t);
  data += uri;
  data += body;
  return "XYS_" + keyed_hex(key ^ 0x78687300ULL, data);
}

std::string douyin_signature(std::uint64_t key, std::string_view query) {
  return keyed_hex(key ^ 0x64790000ULL, query);
}

bool xhs_signed(std::uint64_t key, const Request& req) {
  const std::string_view x_s = req.header("x-s");
  const std::string_view x_t = req.header("x-t");
  if (x_s.empty() || x_t.empty()) return false;
  std::string uri = req.path;
  if (req.method == "GET" && !req.query.empty()) uri += "?" + req.query;
  return x_s == xhs_signature(key, x_t, uri, req.method == "GET" ? std::string_view() : req.body);
}

bool douyin_signed(std::uint64_t key, const Request& req) {
  const std::size_t at = req.query.rfind("&a_bogus=");
  if (at == std::string::npos) return false;
  const std::string_view given = std::string_view(req.query).substr(at + 9);
  return given == douyin_signature(key, std::string_view(req.query).substr(0, at));
}

Response sign_endpoint(std::uint64_t key, const Request& req) {
  const std::string platform = query_param(req.query, "platform").value_or("");
  std::string out;
  if (platform == "xiaohongshu") {
    const std::string uri = query_param(req.query, "uri").value_or("");
    const std::string t = query_param(req.query, "t").value_or("0");
    out = R"({"x-s":")" + xhs_signature(key, t, uri, req.body) + R"(","x-t":")" + t + "\"}";
  } else if (platform == "douyin") {
    out = R"({"a_bogus":")" + douyin_signature(key, req.body) + "\"}";
  } else {
    return json_response(R"({"error":"platform must be xiaohongshu or douyin"})", 400);
  }
  return json_response(std::move(out));
}

}  // namespace koubei::sandbox
