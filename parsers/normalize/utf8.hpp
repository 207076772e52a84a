#pragma once
// The UTF-8 helpers of config/utf8.hpp under the normalizers' namespace.

#include "config/utf8.hpp"

namespace koubei::normalize {

using text::append_utf8;
using text::decode_utf8;
using text::is_valid_utf8;
using text::kReplacementChar;
using text::sanitize_utf8;

}  // namespace koubei::normalize
