#include "crawler/alerts/delivery_error.hpp"

#include <string>

namespace koubei::alerts {
namespace {

class DeliveryCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "koubei.alert_delivery"; }

  std::string message(int value) const override {
    switch (static_cast<DeliveryErrc>(value)) {
      case DeliveryErrc::kHttpStatus:
        return "the webhook answered with an error status";
      case DeliveryErrc::kRejected:
        return "the webhook rejected the alert (not retried)";
      case DeliveryErrc::kQueueFull:
        return "alert delivery queue full";
      case DeliveryErrc::kStopped:
        return "alert delivery stopped";
    }
    return "unknown alert delivery error";
  }
};

}  // namespace

const std::error_category& delivery_category() {
  static const DeliveryCategory category;
  return category;
}

}  // namespace koubei::alerts
