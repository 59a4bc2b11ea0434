#pragma once
// Where the executor writes response bytes. The executor never knows about HTTP or WebSocket:
// the server implements a Sink per response (HTTP body, WebSocket batch messages, ...).

#include <boost/asio/awaitable.hpp>
#include <string_view>

namespace sluice::exec {

class Sink {
 public:
  virtual ~Sink() = default;

  // Appends bytes to the response. Suspends while the peer is slow (backpressure: the caller's
  // next PostgreSQL read waits for this write). `bytes` is only borrowed for the duration of the
  // call. Returns false when the peer is gone; the caller then stops producing and cancels its
  // query.
  virtual boost::asio::awaitable<bool> write(std::string_view bytes) = 0;
};

}  // namespace sluice::exec
