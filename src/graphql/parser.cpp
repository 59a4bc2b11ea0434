#include "sluice/graphql/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

#include "directive_locations.hpp"
#include "lexer.hpp"

namespace sluice::graphql {

std::string_view ast::to_string(OperationType op) noexcept {
  switch (op) {
    case OperationType::query:
      return "query";
    case OperationType::mutation:
      return "mutation";
    case OperationType::subscription:
      return "subscription";
  }
  return "query";
}

namespace {

using namespace ast;
using detail::kDirectiveLocationNames;
using detail::Token;
using detail::TokenKind;

// List items are gathered here while a list is parsed, then copied into the arena in one piece.
// Kept per thread so a parse allocates only while these grow to their working size.
struct Scratch {
  std::vector<const Definition*> definitions;
  std::vector<const Selection*> selections;
  std::vector<Argument> arguments;
  std::vector<Directive> directives;
  std::vector<const Value*> values;
  std::vector<ObjectField> fields;
  std::vector<VariableDefinition> variables;
  std::vector<FieldDefinition> field_definitions;
  std::vector<InputValueDefinition> input_values;
  std::vector<EnumValueDefinition> enum_values;
  std::vector<Name> names;
  std::vector<RootOperationTypeDefinition> operation_types;

  // A parse that failed may leave items behind; capacity is kept.
  void clear() noexcept {
    definitions.clear(), selections.clear(), arguments.clear(), directives.clear();
    values.clear(), fields.clear(), variables.clear(), field_definitions.clear();
    input_values.clear(), enum_values.clear(), names.clear(), operation_types.clear();
  }
};


// Recursive descent over graphql-js's grammar. Errors are sticky: the first one is kept, the
// current token becomes <EOF>, and every loop also stops on failure, so parsing unwinds quickly.
class Parser {
 public:
  Parser(std::string_view source, Arena& arena, const ParseLimits& limits, Scratch& scratch)
      : src_(source), arena_(arena), limits_(limits), s_(scratch) {}

  ParseResult run() {
    ParseResult result;
    if (src_.size() > limits_.max_bytes || src_.size() > UINT32_MAX / 2) {
      fail(
          static_cast<std::uint32_t>(std::min<std::size_t>(limits_.max_bytes, src_.size())),
          fmt::format("Document contains more than {} bytes. Parsing aborted.", limits_.max_bytes));
    } else {
      lex_at(0);
    }
    const Document* document = failed_ ? nullptr : parse_document();
    result.token_count = tokens_;
    if (failed_) {
      result.error = Error{"Syntax Error: " + message_, {locate(src_, error_offset_)}};
    } else {
      result.document = document;
    }
    return result;
  }

 private:
  // ---- tokens

  void lex_at(std::uint32_t pos) {
    if (!detail::next_token(src_, pos, tok_, lex_error_)) {
      fail(lex_error_.offset, std::move(lex_error_.message));
      return;
    }
    if (tok_.kind != TokenKind::eof && ++tokens_ > limits_.max_tokens) {
      fail(tok_.start, fmt::format("Document contains more than {} tokens. Parsing aborted.",
                                   limits_.max_tokens));
    }
  }

  void advance() {
    if (!failed_) lex_at(tok_.end);
  }

  // The token after the current one, without consuming anything.
  Token lookahead() {
    Token next;
    detail::LexError error;
    if (!failed_ && !detail::next_token(src_, tok_.end, next, error)) {
      fail(error.offset, std::move(error.message));
    }
    return failed_ ? Token{} : next;
  }

  void fail(std::uint32_t offset, std::string message) {
    if (failed_) return;
    failed_ = true;
    error_offset_ = offset;
    message_ = std::move(message);
    tok_ = Token{TokenKind::eof, false, tok_.end, tok_.end};
  }

  bool ok() const { return !failed_; }
  bool peek(TokenKind kind) const { return tok_.kind == kind; }
  std::string_view text(const Token& t) const { return src_.substr(t.start, t.end - t.start); }
  bool peek_keyword(std::string_view word) const {
    return tok_.kind == TokenKind::name && text(tok_) == word;
  }

  bool expect(TokenKind kind) {
    if (tok_.kind == kind) {
      advance();
      return true;
    }
    if (ok()) {
      fail(tok_.start, fmt::format("Expected {}, found {}.", detail::describe(kind),
                                   detail::describe(src_, tok_)));
    }
    return false;
  }

  bool optional(TokenKind kind) {
    if (tok_.kind != kind || failed_) return false;
    advance();
    return true;
  }

  void expect_keyword(std::string_view word) {
    if (peek_keyword(word)) {
      advance();
    } else if (ok()) {
      fail(tok_.start,
           fmt::format("Expected \"{}\", found {}.", word, detail::describe(src_, tok_)));
    }
  }

  bool optional_keyword(std::string_view word) {
    if (!peek_keyword(word)) return false;
    advance();
    return true;
  }

  void unexpected(const Token& at) {
    if (ok()) fail(at.start, fmt::format("Unexpected {}.", detail::describe(src_, at)));
  }
  void unexpected() { unexpected(tok_); }

  // Nesting guard for the recursive productions.
  bool enter() {
    if (++depth_ <= limits_.max_depth) return true;
    if (ok()) {
      fail(tok_.start, fmt::format("Document nesting is deeper than {} levels. Parsing aborted.",
                                   limits_.max_depth));
    }
    return false;
  }
  void leave() { --depth_; }

  template <class T>
  std::span<const T> finish(std::vector<T>& items, std::size_t mark) {
    auto out = arena_.copy(std::span<const T>(items.data() + mark, items.size() - mark));
    items.resize(mark);
    return out;
  }

  Name parse_name() {
    Name name{text(tok_), tok_.start};
    if (!expect(TokenKind::name)) return {};
    return name;
  }

  // ---- document

  const Document* parse_document() {
    std::size_t mark = s_.definitions.size();
    // many(SOF, definition, EOF): at least one definition.
    do {
      const Definition* d = parse_definition();
      if (d != nullptr) s_.definitions.push_back(d);
    } while (ok() && !peek(TokenKind::eof));
    auto definitions = finish(s_.definitions, mark);
    return ok() ? arena_.make<Document>(src_, definitions) : nullptr;
  }

  const Definition* parse_definition() {
    if (peek(TokenKind::brace_l)) return parse_operation();
    bool has_description = peek_description();
    Token keyword = has_description ? lookahead() : tok_;
    if (!ok()) return nullptr;
    if (has_description && keyword.kind == TokenKind::brace_l) {
      fail(tok_.start,
           "Unexpected description, descriptions are not supported on shorthand queries.");
      return nullptr;
    }
    if (keyword.kind == TokenKind::name) {
      std::string_view word = text(keyword);
      if (word == "schema") return parse_schema_definition();
      if (word == "scalar") return parse_type_definition(DefinitionKind::scalar, false);
      if (word == "type") return parse_type_definition(DefinitionKind::object, false);
      if (word == "interface") return parse_type_definition(DefinitionKind::interface, false);
      if (word == "union") return parse_type_definition(DefinitionKind::union_type, false);
      if (word == "enum") return parse_type_definition(DefinitionKind::enum_type, false);
      if (word == "input") return parse_type_definition(DefinitionKind::input_object, false);
      if (word == "directive") return parse_directive_definition();
      if (word == "query" || word == "mutation" || word == "subscription") {
        return parse_operation();
      }
      if (word == "fragment") return parse_fragment_definition();
      if (has_description) {
        fail(tok_.start, "Unexpected description, only GraphQL definitions support descriptions.");
        return nullptr;
      }
      if (word == "extend") return parse_extension();
    }
    unexpected(keyword);
    return nullptr;
  }

  // ---- operations

  const OperationDefinition* parse_operation() {
    const std::uint32_t start = tok_.start;
    if (peek(TokenKind::brace_l)) {
      SelectionSet selections = parse_selection_set();
      return arena_.make<OperationDefinition>(
          OperationDefinition{{DefinitionKind::operation, false, start, nullptr},
                              OperationType::query,
                              {},
                              {},
                              {},
                              selections});
    }
    const Value* description = parse_description();
    OperationType op = parse_operation_type();
    Name name;
    if (peek(TokenKind::name)) name = parse_name();
    auto variables = parse_variable_definitions();
    auto directives = parse_directives(false);
    SelectionSet selections = parse_selection_set();
    return arena_.make<OperationDefinition>(
        OperationDefinition{{DefinitionKind::operation, false, start, description},
                            op,
                            name,
                            variables,
                            directives,
                            selections});
  }

  OperationType parse_operation_type() {
    Token t = tok_;
    if (expect(TokenKind::name)) {
      std::string_view word = text(t);
      if (word == "query") return OperationType::query;
      if (word == "mutation") return OperationType::mutation;
      if (word == "subscription") return OperationType::subscription;
      unexpected(t);
    }
    return OperationType::query;
  }

  std::span<const VariableDefinition> parse_variable_definitions() {
    if (!optional(TokenKind::paren_l)) return {};
    std::size_t mark = s_.variables.size();
    do {
      VariableDefinition v{};
      v.loc = tok_.start;
      v.description = parse_description();
      v.variable_loc = tok_.start;
      expect(TokenKind::dollar);
      v.name = parse_name();
      expect(TokenKind::colon);
      v.type = parse_type();
      if (optional(TokenKind::equals)) v.default_value = parse_value(true);
      v.directives = parse_directives(true);
      s_.variables.push_back(v);
    } while (ok() && !optional(TokenKind::paren_r));
    return finish(s_.variables, mark);
  }

  SelectionSet parse_selection_set() {
    SelectionSet set{tok_.start, {}};
    if (!expect(TokenKind::brace_l) || !enter()) return set;
    std::size_t mark = s_.selections.size();
    do {
      const Selection* s = parse_selection();
      if (s != nullptr) s_.selections.push_back(s);
    } while (ok() && !optional(TokenKind::brace_r));
    set.selections = finish(s_.selections, mark);
    leave();
    return set;
  }

  const Selection* parse_selection() {
    const std::uint32_t start = tok_.start;
    if (optional(TokenKind::spread)) {
      bool has_condition = optional_keyword("on");
      if (!has_condition && peek(TokenKind::name)) {
        Name name = parse_fragment_name();
        auto directives = parse_directives(false);
        return arena_.make<FragmentSpread>(
            FragmentSpread{{SelectionKind::fragment_spread, start, directives}, name});
      }
      Name condition;
      if (has_condition) condition = parse_name();
      auto directives = parse_directives(false);
      SelectionSet selections = parse_selection_set();
      return arena_.make<InlineFragment>(InlineFragment{
          {SelectionKind::inline_fragment, start, directives}, condition, selections});
    }
    Name alias;
    Name name = parse_name();
    if (optional(TokenKind::colon)) {
      alias = name;
      name = parse_name();
    }
    auto arguments = parse_arguments(false);
    auto directives = parse_directives(false);
    SelectionSet selections{};
    if (peek(TokenKind::brace_l)) selections = parse_selection_set();
    return arena_.make<Field>(
        Field{{SelectionKind::field, start, directives}, alias, name, arguments, selections});
  }

  Name parse_fragment_name() {
    if (peek_keyword("on")) {
      unexpected();
      return {};
    }
    return parse_name();
  }

  std::span<const Argument> parse_arguments(bool is_const) {
    if (!optional(TokenKind::paren_l)) return {};
    std::size_t mark = s_.arguments.size();
    do {
      Name name = parse_name();
      expect(TokenKind::colon);
      const Value* value = parse_value(is_const);
      s_.arguments.push_back(Argument{name, value});
    } while (ok() && !optional(TokenKind::paren_r));
    return finish(s_.arguments, mark);
  }

  const FragmentDefinition* parse_fragment_definition() {
    const std::uint32_t start = tok_.start;
    const Value* description = parse_description();
    expect_keyword("fragment");
    Name name = parse_fragment_name();
    expect_keyword("on");
    Name condition = parse_name();
    auto directives = parse_directives(false);
    SelectionSet selections = parse_selection_set();
    return arena_.make<FragmentDefinition>(
        FragmentDefinition{{DefinitionKind::fragment, false, start, description},
                           name,
                           condition,
                           directives,
                           selections});
  }

  // ---- values

  const Value* parse_value(bool is_const) {
    const Token t = tok_;
    switch (t.kind) {
      case TokenKind::bracket_l: {
        if (!enter()) return nullptr;
        advance();
        std::size_t mark = s_.values.size();
        while (ok() && !optional(TokenKind::bracket_r)) {
          const Value* item = parse_value(is_const);
          if (item != nullptr) s_.values.push_back(item);
        }
        auto items = finish(s_.values, mark);
        leave();
        return arena_.make<Value>(Value{ValueKind::list, false, false, t.start, {}, items, {}});
      }
      case TokenKind::brace_l: {
        if (!enter()) return nullptr;
        advance();
        std::size_t mark = s_.fields.size();
        while (ok() && !optional(TokenKind::brace_r)) {
          Name name = parse_name();
          expect(TokenKind::colon);
          const Value* value = parse_value(is_const);
          s_.fields.push_back(ObjectField{name, value});
        }
        auto fields = finish(s_.fields, mark);
        leave();
        return arena_.make<Value>(Value{ValueKind::object, false, false, t.start, {}, {}, fields});
      }
      case TokenKind::int_value:
        advance();
        return arena_.make<Value>(
            Value{ValueKind::int_value, false, false, t.start, text(t), {}, {}});
      case TokenKind::float_value:
        advance();
        return arena_.make<Value>(
            Value{ValueKind::float_value, false, false, t.start, text(t), {}, {}});
      case TokenKind::string:
      case TokenKind::block_string:
        return parse_string();
      case TokenKind::name: {
        advance();
        std::string_view word = text(t);
        if (word == "true" || word == "false") {
          return arena_.make<Value>(
              Value{ValueKind::boolean, word == "true", false, t.start, word, {}, {}});
        }
        if (word == "null") {
          return arena_.make<Value>(Value{ValueKind::null, false, false, t.start, word, {}, {}});
        }
        return arena_.make<Value>(
            Value{ValueKind::enum_value, false, false, t.start, word, {}, {}});
      }
      case TokenKind::dollar: {
        advance();
        if (is_const) {
          if (peek(TokenKind::name)) {
            fail(t.start,
                 fmt::format("Unexpected variable \"${}\" in constant value.", text(tok_)));
          } else {
            unexpected(t);
          }
          return nullptr;
        }
        Name name = parse_name();
        return arena_.make<Value>(
            Value{ValueKind::variable, false, false, t.start, name.value, {}, {}});
      }
      default:
        unexpected();
        return nullptr;
    }
  }

  const Value* parse_string() {
    const Token t = tok_;
    advance();
    std::string_view value;
    if (t.escaped) {
      auto* out = static_cast<char*>(arena_.allocate(t.end - t.start, 1));
      value = {out, detail::decode_string(src_, t, out)};
    } else {
      value = src_.substr(t.start + 1, t.end - t.start - 2);
    }
    return arena_.make<Value>(
        Value{ValueKind::string, false, t.kind == TokenKind::block_string, t.start, value, {}, {}});
  }

  // ---- directives and types

  std::span<const Directive> parse_directives(bool is_const) {
    if (!peek(TokenKind::at)) return {};
    std::size_t mark = s_.directives.size();
    while (ok() && peek(TokenKind::at)) {
      const std::uint32_t start = tok_.start;
      advance();
      Name name = parse_name();
      auto arguments = parse_arguments(is_const);
      s_.directives.push_back(Directive{name, start, arguments});
    }
    return finish(s_.directives, mark);
  }

  const Type* parse_type() {
    const std::uint32_t start = tok_.start;
    const Type* type = nullptr;
    if (optional(TokenKind::bracket_l)) {
      if (!enter()) return nullptr;
      const Type* inner = parse_type();
      expect(TokenKind::bracket_r);
      leave();
      type = arena_.make<Type>(Type{TypeKind::list, start, {}, inner});
    } else {
      Name name = parse_name();
      type = arena_.make<Type>(Type{TypeKind::named, start, name, nullptr});
    }
    if (optional(TokenKind::bang))
      type = arena_.make<Type>(Type{TypeKind::non_null, start, {}, type});
    return ok() ? type : nullptr;
  }

  // ---- type system

  bool peek_description() const { return peek(TokenKind::string) || peek(TokenKind::block_string); }

  const Value* parse_description() { return peek_description() ? parse_string() : nullptr; }

  const SchemaDefinition* parse_schema_definition() {
    const std::uint32_t start = tok_.start;
    const Value* description = parse_description();
    expect_keyword("schema");
    auto directives = parse_directives(true);
    expect(TokenKind::brace_l);
    auto operation_types = parse_operation_types();
    return arena_.make<SchemaDefinition>(SchemaDefinition{
        {DefinitionKind::schema, false, start, description}, directives, operation_types});
  }

  // After the '{': one or more `operation: Type`, then '}'.
  std::span<const RootOperationTypeDefinition> parse_operation_types() {
    std::size_t mark = s_.operation_types.size();
    do {
      const std::uint32_t start = tok_.start;
      OperationType op = parse_operation_type();
      expect(TokenKind::colon);
      Name type = parse_name();
      s_.operation_types.push_back(RootOperationTypeDefinition{op, start, type});
    } while (ok() && !optional(TokenKind::brace_r));
    return finish(s_.operation_types, mark);
  }

  const Definition* parse_extension() {
    Token keyword = lookahead();
    if (!ok()) return nullptr;
    if (keyword.kind == TokenKind::name) {
      std::string_view word = text(keyword);
      if (word == "schema") return parse_schema_extension();
      if (word == "scalar") return parse_type_definition(DefinitionKind::scalar, true);
      if (word == "type") return parse_type_definition(DefinitionKind::object, true);
      if (word == "interface") return parse_type_definition(DefinitionKind::interface, true);
      if (word == "union") return parse_type_definition(DefinitionKind::union_type, true);
      if (word == "enum") return parse_type_definition(DefinitionKind::enum_type, true);
      if (word == "input") return parse_type_definition(DefinitionKind::input_object, true);
    }
    unexpected(keyword);
    return nullptr;
  }

  const SchemaDefinition* parse_schema_extension() {
    const std::uint32_t start = tok_.start;
    expect_keyword("extend");
    expect_keyword("schema");
    auto directives = parse_directives(true);
    std::span<const RootOperationTypeDefinition> operation_types;
    if (optional(TokenKind::brace_l)) operation_types = parse_operation_types();
    if (directives.empty() && operation_types.empty()) unexpected();
    return arena_.make<SchemaDefinition>(SchemaDefinition{
        {DefinitionKind::schema, true, start, nullptr}, directives, operation_types});
  }

  static std::string_view keyword_of(DefinitionKind kind) {
    switch (kind) {
      case DefinitionKind::scalar:
        return "scalar";
      case DefinitionKind::object:
        return "type";
      case DefinitionKind::interface:
        return "interface";
      case DefinitionKind::union_type:
        return "union";
      case DefinitionKind::enum_type:
        return "enum";
      default:
        return "input";
    }
  }

  const TypeDefinition* parse_type_definition(DefinitionKind kind, bool extension) {
    TypeDefinition d{};
    d.kind = kind;
    d.extension = extension;
    d.loc = tok_.start;
    if (extension) {
      expect_keyword("extend");
    } else {
      d.description = parse_description();
    }
    expect_keyword(keyword_of(kind));
    d.name = parse_name();
    bool empty = true;
    switch (kind) {
      case DefinitionKind::scalar:
        d.directives = parse_directives(true);
        empty = d.directives.empty();
        break;
      case DefinitionKind::object:
      case DefinitionKind::interface:
        d.interfaces = parse_implements();
        d.directives = parse_directives(true);
        d.fields = parse_field_definitions();
        empty = d.interfaces.empty() && d.directives.empty() && d.fields.empty();
        break;
      case DefinitionKind::union_type:
        d.directives = parse_directives(true);
        if (optional(TokenKind::equals)) d.members = parse_delimited_names(TokenKind::pipe);
        empty = d.directives.empty() && d.members.empty();
        break;
      case DefinitionKind::enum_type:
        d.directives = parse_directives(true);
        d.values = parse_enum_values();
        empty = d.directives.empty() && d.values.empty();
        break;
      default:
        d.directives = parse_directives(true);
        d.input_fields = parse_input_values(TokenKind::brace_l, TokenKind::brace_r);
        empty = d.directives.empty() && d.input_fields.empty();
        break;
    }
    if (extension && empty) unexpected();
    return arena_.make<TypeDefinition>(d);
  }

  std::span<const Name> parse_implements() {
    if (!optional_keyword("implements")) return {};
    return parse_delimited_names(TokenKind::amp);
  }

  // delimitedMany: an optional leading delimiter, then names separated by it.
  std::span<const Name> parse_delimited_names(TokenKind delimiter) {
    optional(delimiter);
    std::size_t mark = s_.names.size();
    do {
      s_.names.push_back(parse_name());
    } while (ok() && optional(delimiter));
    return finish(s_.names, mark);
  }

  std::span<const FieldDefinition> parse_field_definitions() {
    if (!optional(TokenKind::brace_l)) return {};
    std::size_t mark = s_.field_definitions.size();
    do {
      FieldDefinition f{};
      f.loc = tok_.start;
      f.description = parse_description();
      f.name = parse_name();
      f.arguments = parse_input_values(TokenKind::paren_l, TokenKind::paren_r);
      expect(TokenKind::colon);
      f.type = parse_type();
      f.directives = parse_directives(true);
      s_.field_definitions.push_back(f);
    } while (ok() && !optional(TokenKind::brace_r));
    return finish(s_.field_definitions, mark);
  }

  std::span<const InputValueDefinition> parse_input_values(TokenKind open, TokenKind close) {
    if (!optional(open)) return {};
    std::size_t mark = s_.input_values.size();
    do {
      InputValueDefinition v{};
      v.loc = tok_.start;
      v.description = parse_description();
      v.name = parse_name();
      expect(TokenKind::colon);
      v.type = parse_type();
      if (optional(TokenKind::equals)) v.default_value = parse_value(true);
      v.directives = parse_directives(true);
      s_.input_values.push_back(v);
    } while (ok() && !optional(close));
    return finish(s_.input_values, mark);
  }

  std::span<const EnumValueDefinition> parse_enum_values() {
    if (!optional(TokenKind::brace_l)) return {};
    std::size_t mark = s_.enum_values.size();
    do {
      EnumValueDefinition v{};
      v.loc = tok_.start;
      v.description = parse_description();
      if (peek_keyword("true") || peek_keyword("false") || peek_keyword("null")) {
        fail(tok_.start, fmt::format("{} is reserved and cannot be used for an enum value.",
                                     detail::describe(src_, tok_)));
      }
      v.name = parse_name();
      v.directives = parse_directives(true);
      s_.enum_values.push_back(v);
    } while (ok() && !optional(TokenKind::brace_r));
    return finish(s_.enum_values, mark);
  }

  const DirectiveDefinition* parse_directive_definition() {
    DirectiveDefinition d{};
    d.kind = DefinitionKind::directive;
    d.loc = tok_.start;
    d.description = parse_description();
    expect_keyword("directive");
    expect(TokenKind::at);
    d.name = parse_name();
    d.arguments = parse_input_values(TokenKind::paren_l, TokenKind::paren_r);
    d.repeatable = optional_keyword("repeatable");
    expect_keyword("on");
    optional(TokenKind::pipe);
    std::size_t mark = s_.names.size();
    do {
      Token start = tok_;
      Name location = parse_name();
      if (ok() && std::find(kDirectiveLocationNames.begin(), kDirectiveLocationNames.end(),
                            location.value) == kDirectiveLocationNames.end()) {
        unexpected(start);
      }
      s_.names.push_back(location);
    } while (ok() && optional(TokenKind::pipe));
    d.locations = finish(s_.names, mark);
    return arena_.make<DirectiveDefinition>(d);
  }

  std::string_view src_;
  Arena& arena_;
  const ParseLimits& limits_;
  Scratch& s_;
  Token tok_;
  detail::LexError lex_error_;  // filled only when lexing fails
  std::size_t tokens_ = 0;
  std::size_t depth_ = 0;
  bool failed_ = false;
  std::uint32_t error_offset_ = 0;
  std::string message_;
};

}  // namespace

ParseResult parse(std::string_view source, Arena& arena, const ParseLimits& limits) noexcept {
  thread_local Scratch scratch;
  scratch.clear();
  Parser parser(source, arena, limits, scratch);
  return parser.run();
}

}  // namespace sluice::graphql
