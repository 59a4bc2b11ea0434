#include "logging.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>

namespace sluice::cli {
namespace {

// Lines written in batches, as a buffered access log is (nginx's `buffer=` and `flush=`): one
// write(2) per request cost as much as a tenth of a small query's own work. A batch goes out
// when it reaches kBatchBytes, when kBatchAge passed since the last one, with any warning or
// error (which therefore never waits behind older lines), on flush() and at exit; the periodic
// flush (configure_logging) bounds how long the last lines of a quiet server wait.
class BatchedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~BatchedStderrSink() override {
    const std::lock_guard lock(mutex_);
    write_out();
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    formatter_->format(msg, batch_);
    if (batch_.size() >= kBatchBytes || msg.level >= spdlog::level::warn ||
        msg.time - last_write_ >= kBatchAge) {
      write_out();
      last_write_ = msg.time;
    }
  }
  void flush_() override { write_out(); }

 private:
  static constexpr std::size_t kBatchBytes = 16 * 1024;
  static constexpr std::chrono::milliseconds kBatchAge{100};

  void write_out() noexcept {
    const char* data = batch_.data();
    std::size_t left = batch_.size();
    while (left > 0) {
      const ssize_t n = ::write(STDERR_FILENO, data, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // nowhere to report it: the lines are dropped
      data += n;
      left -= static_cast<std::size_t>(n);
    }
    batch_.clear();
  }

  spdlog::memory_buf_t batch_;
  spdlog::log_clock::time_point last_write_{};
};

}  // namespace

void configure_logging(const std::string& level) {
  // Logs go to stderr: stdout stays free for command output.
  auto logger = std::make_shared<spdlog::logger>("sluice", std::make_shared<BatchedStderrSink>());
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%fZ level=%l %v", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(level));
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

void flush_logs() noexcept {
  try {
    spdlog::default_logger_raw()->flush();
  } catch (...) {  // a failing sink must not hide the error about to be printed
  }
}

}  // namespace sluice::cli
