#pragma once
// Why an alert was not delivered, as a std::error_code category ("koubei.alert_delivery") that the
// dispatcher counts. Transport failures of the webhook keep the HTTP engine's FetchErrc; Redis
// outages keep storage::Errc. These are the outcomes only alert delivery knows about.

#include <system_error>

namespace koubei::alerts {

enum class DeliveryErrc {
  kHttpStatus = 1,  ///< the webhook answered with a non-2xx status
  kRejected,        ///< the endpoint refused the alert for good (4xx other than 408/429)
  kQueueFull,       ///< the delivery queue was at its bound; the alert went to the dead-letter file
  kStopped,         ///< the dispatcher was stopped before the alert was delivered
};

const std::error_category& delivery_category();

inline std::error_code make_error_code(DeliveryErrc e) {
  return {static_cast<int>(e), delivery_category()};
}

}  // namespace koubei::alerts

template <>
struct std::is_error_code_enum<koubei::alerts::DeliveryErrc> : std::true_type {};
