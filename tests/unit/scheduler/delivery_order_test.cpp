#include "scheduler/core/delivery_order.hpp"

#include <catch2/catch.hpp>
#include <string>

using koubei::scheduler::DeliveryOrder;

TEST_CASE("the checkpoint advances over confirmed pages in order", "[scheduler][delivery]") {
  DeliveryOrder<std::string> order;
  auto p1 = order.issue("page1");
  auto p2 = order.issue("page2");
  auto p3 = order.issue("page3");
  order.confirm(p2);
  CHECK_FALSE(order.take_advance().has_value());  // page1 is not delivered yet
  order.confirm(p1);
  CHECK(order.take_advance() == std::optional<std::string>("page2"));
  CHECK_FALSE(order.take_advance().has_value());  // reported once
  order.confirm(p3);
  CHECK(order.take_advance() == std::optional<std::string>("page3"));
  CHECK(order.in_flight() == 0);
}

TEST_CASE("an unconfirmed page holds the checkpoint however many follow", "[scheduler][delivery]") {
  DeliveryOrder<int> order;
  auto first = order.issue(1);
  for (int i = 2; i <= 50; ++i) order.confirm(order.issue(i));
  CHECK_FALSE(order.take_advance().has_value());
  CHECK(order.in_flight() == 50);
  order.confirm(first);
  CHECK(order.take_advance() == std::optional<int>(50));
}

TEST_CASE("unknown and repeated confirmations change nothing", "[scheduler][delivery]") {
  DeliveryOrder<int> order;
  auto t = order.issue(7);
  order.confirm(999);
  CHECK_FALSE(order.take_advance().has_value());
  order.confirm(t);
  order.confirm(t);
  CHECK(order.take_advance() == std::optional<int>(7));
  CHECK_FALSE(order.take_advance().has_value());
}
