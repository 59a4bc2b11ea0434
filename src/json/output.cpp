#include "output.hpp"

#include <string>

#include "sluice/json/escape.hpp"

namespace sluice::json::detail {

void ErrorList::add(std::initializer_list<std::string_view> message, const PathNode* path,
                    std::string_view extensions_json, std::string_view locations_json) {
  ++count_;
  if (count_ > max_) return;
  if (!text_.empty()) text_ += ',';
  std::string joined;  // errors are rare; only the error path allocates
  for (std::string_view part : message) joined += part;
  text_ += "{\"message\":";
  append_json_string(text_, joined);
  if (!locations_json.empty()) {
    text_ += ",\"locations\":";
    text_ += locations_json;
  }
  if (path != nullptr) {
    text_ += ",\"path\":[";
    append_path(text_, path);
    text_ += ']';
  }
  if (!extensions_json.empty()) {
    text_ += ",\"extensions\":";
    text_ += extensions_json;
  }
  text_ += '}';
}

void ErrorList::append_path(std::string& out, const PathNode* node) {
  if (node->parent != nullptr) {
    append_path(out, node->parent);
    out += ',';
  }
  if (node->name_json.empty()) {
    out += std::to_string(node->index);
  } else {
    out += node->name_json;
  }
}

void ErrorList::write(std::string& out) const {
  if (count_ == 0) return;
  out += ",\"errors\":[";
  out += text_;
  if (count_ > max_) {
    if (max_ > 0) out += ',';
    out += "{\"message\":\"";
    out += std::to_string(count_ - max_);
    out += " more errors omitted.\"}";
  }
  out += ']';
}

}  // namespace sluice::json::detail
