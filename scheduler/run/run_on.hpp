#pragma once
// run_on(executor, fn): runs fn() on another executor (the parse pool, the storage thread) and
// resumes the awaiting coroutine on its own executor with the result. This is how the scheduler
// strand hands work to the other stages without sharing state with them: the function's captures
// move to the other thread and the result moves back.
//
// fn must not throw (errors are values on the data path); its result type must be movable.

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <type_traits>
#include <utility>

namespace koubei::scheduler {

template <class Executor, class Fn>
auto run_on(Executor ex, Fn fn) {
  using R = std::invoke_result_t<Fn&>;
  return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(R)>(
      [ex](auto handler, Fn f) mutable {
        boost::asio::post(ex, [h = std::move(handler), f = std::move(f)]() mutable {
          R result = f();
          auto back = boost::asio::get_associated_executor(h);
          boost::asio::post(back, [h = std::move(h), r = std::move(result)]() mutable {
            std::move(h)(std::move(r));
          });
        });
      },
      boost::asio::use_awaitable, std::move(fn));
}

}  // namespace koubei::scheduler
