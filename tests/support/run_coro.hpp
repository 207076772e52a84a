#pragma once
// Runs one coroutine to completion on a fresh io_context in the calling thread and returns its
// value: how tests drive awaitable APIs (HttpEngine::fetch) without a daemon around them.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>
#include <optional>
#include <utility>

namespace koubei::test {

template <class T>
T run_coro(boost::asio::awaitable<T> coro) {
  boost::asio::io_context io;
  std::optional<T> out;
  std::exception_ptr error;
  boost::asio::co_spawn(io, std::move(coro), [&](std::exception_ptr e, T value) {
    error = e;
    if (!e) out.emplace(std::move(value));
  });
  io.run();
  if (error) std::rethrow_exception(error);
  return std::move(*out);
}

}  // namespace koubei::test
