#include "sluice/graphql/schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <set>

#include "builtins.hpp"
#include "directive_locations.hpp"
#include "sluice/graphql/naming.hpp"
#include "sluice/graphql/parser.hpp"
#include "values.hpp"

namespace sluice::graphql {

// ---- lookups

namespace {
// Names differ mostly in length or first letter; compare those before calling memcmp.
bool same_name(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && (a.empty() || (a[0] == b[0] && a == b));
}
}  // namespace

bool same_type(const TypeRef* a, const TypeRef* b) noexcept {
  while (a != nullptr && b != nullptr) {
    if (a->kind != b->kind) return false;
    if (a->kind == TypeRef::Kind::named) return a->named == b->named;
    a = a->of;
    b = b->of;
  }
  return a == b;
}

std::string to_string(const TypeRef* type) {
  switch (type->kind) {
    case TypeRef::Kind::named:
      return std::string(type->named->name);
    case TypeRef::Kind::list:
      return "[" + to_string(type->of) + "]";
    case TypeRef::Kind::non_null:
      return to_string(type->of) + "!";
  }
  return {};
}

std::string json_key(const Field& field) {
  return field.key.empty() ? snake(field.name) : std::string(field.key);
}

const InputValue* Field::argument(std::string_view arg) const noexcept {
  for (const InputValue& a : arguments) {
    if (same_name(a.name, arg)) return &a;
  }
  return nullptr;
}

const Field* NamedType::field(std::string_view field_name) const noexcept {
  for (const Field& f : fields) {
    if (same_name(f.name, field_name)) return &f;
  }
  return nullptr;
}

const InputValue* NamedType::input_field(std::string_view field_name) const noexcept {
  for (const InputValue& f : input_fields) {
    if (same_name(f.name, field_name)) return &f;
  }
  return nullptr;
}

const EnumValue* NamedType::value(std::string_view value_name) const noexcept {
  for (const EnumValue& v : values) {
    if (same_name(v.name, value_name)) return &v;
  }
  return nullptr;
}

bool NamedType::is_possible_type(const NamedType* object) const noexcept {
  if (object == this) return true;
  return std::find(possible_types.begin(), possible_types.end(), object) != possible_types.end();
}

using detail::kDirectiveLocationNames;

std::string_view to_string(DirectiveLocation location) noexcept {
  return kDirectiveLocationNames[static_cast<std::size_t>(location)];
}

std::optional<DirectiveLocation> parse_directive_location(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kDirectiveLocationNames.size(); ++i) {
    if (kDirectiveLocationNames[i] == name) return static_cast<DirectiveLocation>(i);
  }
  return std::nullopt;
}

bool DirectiveDefinition::allowed_at(DirectiveLocation location) const noexcept {
  return std::find(locations.begin(), locations.end(), location) != locations.end();
}

const InputValue* DirectiveDefinition::argument(std::string_view arg) const noexcept {
  for (const InputValue& a : arguments) {
    if (same_name(a.name, arg)) return &a;
  }
  return nullptr;
}

const NamedType* Schema::type(std::string_view name) const noexcept {
  auto it = type_index_.find(name);
  return it == type_index_.end() ? nullptr : it->second;
}

const DirectiveDefinition* Schema::directive(std::string_view name) const noexcept {
  auto it = directive_index_.find(name);
  return it == directive_index_.end() ? nullptr : it->second;
}

const NamedType* Schema::root_type(ast::OperationType op) const noexcept {
  switch (op) {
    case ast::OperationType::query:
      return query_;
    case ast::OperationType::mutation:
      return mutation_;
    case ast::OperationType::subscription:
      return subscription_;
  }
  return nullptr;
}

std::string format_errors(std::string_view file_name, std::span<const Error> errors) {
  std::string out;
  for (const Error& e : errors) {
    if (e.locations.empty()) {
      out += fmt::format("{}: {}\n", file_name, e.message);
    }
    for (const SourceLocation& l : e.locations) {
      out += fmt::format("{}:{}:{}: {}\n", file_name, l.line, l.column, e.message);
    }
  }
  return out;
}

// ---- building

class SchemaBuilder {
 public:
  SchemaBuilder(std::string sdl, std::string file_name) : s_(new Schema()) {
    s_->source_ = std::move(sdl);
    s_->file_name_ = std::move(file_name);
  }

  SchemaLoadResult build() {
    SchemaLoadResult result;
    ParseLimits limits;
    limits.max_bytes = 16 << 20;
    limits.max_tokens = 4'000'000;
    auto user = parse(s_->source_, s_->arena_, limits);
    if (!user) {
      result.errors.push_back(*user.error);
      return result;
    }
    auto spec = parse(detail::spec_sdl(), s_->arena_);
    auto directives = parse(detail::sluice_directives_sdl(), s_->arena_);
    auto scalars = parse(detail::sluice_scalars_sdl(), s_->arena_);
    if (!spec || !directives || !scalars) std::abort();  // the built-in SDL is part of the program

    register_definitions(*spec.document, Origin::spec);
    register_definitions(*directives.document, Origin::sluice);
    register_definitions(*scalars.document, Origin::sluice);
    register_definitions(*user.document, Origin::user);
    attach_extensions();
    build_directive_definitions();
    for (TypeEntry& e : entries_) build_members(e);
    resolve_roots();
    for (TypeEntry& e : entries_) apply_type_directives(e);
    for (TypeEntry& e : entries_) check_type(e);
    check_input_cycles();
    check_directive_definitions();
    check_defaults();
    check_sluice_directives();
    if (errors_.empty()) generate_inputs();
    finish();

    if (!errors_.empty()) {
      std::stable_sort(errors_.begin(), errors_.end(),
                       [](const Pending& a, const Pending& b) { return a.loc < b.loc; });
      LineIndex lines(s_->source_);
      for (Pending& p : errors_) {
        Error e{std::move(p.message), {}};
        for (ast::Offset loc : p.locs) e.locations.push_back(lines.locate(loc));
        result.errors.push_back(std::move(e));
      }
      return result;
    }
    result.schema = std::shared_ptr<const Schema>(s_.release());
    return result;
  }

 private:
  struct TypeEntry {
    NamedType* type;
    const ast::TypeDefinition* definition;
    std::vector<const ast::TypeDefinition*> extensions;
    // The definitions of the stored members, index for index.
    std::vector<const ast::FieldDefinition*> field_nodes;
    std::vector<std::vector<const ast::InputValueDefinition*>> argument_nodes;
    std::vector<const ast::EnumValueDefinition*> value_nodes;
    std::vector<const ast::InputValueDefinition*> input_field_nodes;
  };

  struct Pending {
    ast::Offset loc;
    std::vector<ast::Offset> locs;
    std::string message;
  };

  void error(std::string message, std::initializer_list<ast::Offset> locs) {
    Pending p{*locs.begin(), std::vector<ast::Offset>(locs), std::move(message)};
    errors_.push_back(std::move(p));
  }

  void error(std::string message, std::vector<ast::Offset> locs) {
    ast::Offset first = locs.empty() ? 0 : locs.front();
    errors_.push_back(Pending{first, std::move(locs), std::move(message)});
  }

  static std::vector<ast::Offset> with(ast::Offset first, const std::vector<ast::Offset>& rest) {
    std::vector<ast::Offset> out{first};
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
  }

  template <class T>
  std::span<const T> store(const std::vector<T>& items) {
    return s_->arena_.copy(std::span<const T>(items));
  }

  static bool reserved(std::string_view name) {
    return name.size() >= 2 && name.substr(0, 2) == "__";
  }

  // `at` is the definition the name belongs to.
  void check_name(const ast::Name& name, ast::Offset at, Origin origin) {
    if (origin == Origin::user && reserved(name.value)) {
      error(fmt::format("Name \"{}\" must not begin with \"__\", which is reserved by GraphQL "
                        "introspection.",
                        name.value),
            {at});
    }
  }

  static TypeKind kind_of(ast::DefinitionKind kind) {
    switch (kind) {
      case ast::DefinitionKind::scalar:
        return TypeKind::scalar;
      case ast::DefinitionKind::object:
        return TypeKind::object;
      case ast::DefinitionKind::interface:
        return TypeKind::interface;
      case ast::DefinitionKind::union_type:
        return TypeKind::union_type;
      case ast::DefinitionKind::enum_type:
        return TypeKind::enum_type;
      default:
        return TypeKind::input_object;
    }
  }

  static std::string_view kind_word(TypeKind kind) {
    switch (kind) {
      case TypeKind::scalar:
        return "scalar";
      case TypeKind::object:
        return "object";
      case TypeKind::interface:
        return "interface";
      case TypeKind::union_type:
        return "union";
      case TypeKind::enum_type:
        return "enum";
      case TypeKind::input_object:
        return "input object";
    }
    return "";
  }

  static ScalarKind builtin_scalar(std::string_view name) {
    static const std::pair<std::string_view, ScalarKind> kinds[] = {
        {"Int", ScalarKind::int_type},  {"Float", ScalarKind::float_type},
        {"String", ScalarKind::string}, {"Boolean", ScalarKind::boolean},
        {"ID", ScalarKind::id},         {"DateTime", ScalarKind::date_time},
        {"Date", ScalarKind::date},     {"UUID", ScalarKind::uuid},
        {"JSON", ScalarKind::json},     {"BigInt", ScalarKind::big_int}};
    for (const auto& [n, k] : kinds) {
      if (n == name) return k;
    }
    return ScalarKind::custom;
  }

  static Description description_of(const ast::Value* d) {
    return d == nullptr ? Description{} : Description{true, d->text};
  }

  // ---- step 1: names

  void register_definitions(const ast::Document& doc, Origin origin) {
    for (const ast::Definition* d : doc.definitions) {
      switch (d->kind) {
        case ast::DefinitionKind::operation:
        case ast::DefinitionKind::fragment:
          error("Operations and fragments cannot appear in a schema file.", {d->loc});
          break;
        case ast::DefinitionKind::schema: {
          const auto* sd = static_cast<const ast::SchemaDefinition*>(d);
          if (sd->extension) {
            schema_extensions_.push_back(sd);
            break;
          }
          if (!schema_definitions_.empty()) {
            error("Must provide only one schema definition.", {d->loc});
          }
          schema_definitions_.push_back(sd);
          break;
        }
        case ast::DefinitionKind::directive: {
          const auto* dd = static_cast<const ast::DirectiveDefinition*>(d);
          check_name(dd->name, dd->loc, origin);
          auto it = directive_defs_.find(dd->name.value);
          if (it != directive_defs_.end()) {
            if (it->second.second != Origin::user) {
              error(fmt::format("Directive \"@{}\" already exists in the schema. It cannot be "
                                "redefined.",
                                dd->name.value),
                    {dd->name.loc});
            } else {
              error(fmt::format("There can be only one directive named \"@{}\".", dd->name.value),
                    {it->second.first->name.loc, dd->name.loc});
            }
            break;
          }
          directive_defs_.emplace(dd->name.value, std::make_pair(dd, origin));
          directive_order_.push_back(dd);
          break;
        }
        default: {
          const auto* td = static_cast<const ast::TypeDefinition*>(d);
          if (td->extension) {
            pending_extensions_.push_back(td);
            break;
          }
          register_type(td, origin);
          break;
        }
      }
    }
  }

  void register_type(const ast::TypeDefinition* td, Origin origin) {
    check_name(td->name, td->loc, origin);
    auto it = type_entries_.find(td->name.value);
    if (it != type_entries_.end()) {
      TypeEntry& existing = entries_[it->second];
      // A user may declare a scalar named like one of Sluice's (schemas written for other
      // servers do): the declaration replaces Sluice's with an ordinary custom scalar.
      if (existing.type->origin == Origin::sluice && td->kind == ast::DefinitionKind::scalar) {
        existing.definition = td;
        existing.type->origin = Origin::user;
        existing.type->scalar = ScalarKind::custom;
        existing.type->loc = td->loc;
        existing.type->description = description_of(td->description);
        existing.type->specified_by_url = {};
        user_order_.push_back(it->second);
        return;
      }
      if (existing.type->origin != Origin::user) {
        error(fmt::format("Type \"{}\" already exists in the schema. It cannot also be defined in "
                          "this type definition.",
                          td->name.value),
              {td->name.loc});
      } else {
        error(fmt::format("There can be only one type named \"{}\".", td->name.value),
              {existing.definition->name.loc, td->name.loc});
      }
      return;
    }
    auto* type = s_->arena_.make<NamedType>();
    type->kind = kind_of(td->kind);
    type->origin = origin;
    type->name = td->name.value;
    type->description = description_of(td->description);
    type->loc = td->loc;
    if (type->kind == TypeKind::scalar) type->scalar = builtin_scalar(type->name);
    type_entries_.emplace(type->name, entries_.size());
    if (origin == Origin::user) user_order_.push_back(entries_.size());
    entries_.push_back(TypeEntry{type, td, {}});
  }

  void attach_extensions() {
    for (const ast::TypeDefinition* ext : pending_extensions_) {
      auto it = type_entries_.find(ext->name.value);
      if (it == type_entries_.end()) {
        error(fmt::format("Cannot extend type \"{}\" because it is not defined.", ext->name.value),
              {ext->name.loc});
        continue;
      }
      TypeEntry& e = entries_[it->second];
      if (e.type->kind != kind_of(ext->kind)) {
        error(fmt::format("Cannot extend non-{} type \"{}\".", kind_word(kind_of(ext->kind)),
                          ext->name.value),
              {e.definition->loc, ext->loc});
        continue;
      }
      e.extensions.push_back(ext);
    }
  }

  NamedType* lookup(std::string_view name) {
    auto it = type_entries_.find(name);
    return it == type_entries_.end() ? nullptr : entries_[it->second].type;
  }

  // ---- step 2: members

  const TypeRef* resolve(const ast::Type* t) {
    if (t == nullptr) return nullptr;
    switch (t->kind) {
      case ast::TypeKind::named: {
        const NamedType* named = lookup(t->name.value);
        if (named == nullptr) {
          error(fmt::format("Unknown type \"{}\".", t->name.value), {t->name.loc});
          return nullptr;
        }
        return s_->arena_.make<TypeRef>(TypeRef{TypeRef::Kind::named, named, nullptr});
      }
      case ast::TypeKind::list: {
        const TypeRef* inner = resolve(t->of);
        if (inner == nullptr) return nullptr;
        return s_->arena_.make<TypeRef>(TypeRef{TypeRef::Kind::list, inner->named, inner});
      }
      case ast::TypeKind::non_null: {
        const TypeRef* inner = resolve(t->of);
        if (inner == nullptr) return nullptr;
        return s_->arena_.make<TypeRef>(TypeRef{TypeRef::Kind::non_null, inner->named, inner});
      }
    }
    return nullptr;
  }

  std::vector<InputValue> input_values(std::span<const ast::InputValueDefinition> defs,
                                       const std::function<std::string(std::string_view)>& what,
                                       bool is_argument,
                                       std::vector<const ast::InputValueDefinition*>& nodes) {
    std::vector<InputValue> out;
    for (const ast::InputValueDefinition& d : defs) {
      bool duplicate = false;
      for (const ast::InputValueDefinition& earlier : defs) {
        if (&earlier == &d) break;
        if (earlier.name.value == d.name.value) {
          error(is_argument
                    ? fmt::format("Argument \"{}\" can only be defined once.", what(d.name.value))
                    : fmt::format("Field \"{}\" can only be defined once.", what(d.name.value)),
                {earlier.name.loc, d.name.loc});
          duplicate = true;
          break;
        }
      }
      if (duplicate) continue;
      check_name(d.name, d.loc, Origin::user);
      InputValue v;
      v.name = d.name.value;
      v.description = description_of(d.description);
      v.type = resolve(d.type);
      v.default_value = d.default_value;
      v.loc = d.loc;
      v.type_loc = d.type->loc;
      if (v.type == nullptr) continue;
      out.push_back(v);
      nodes.push_back(&d);
    }
    return out;
  }

  static std::vector<const ast::TypeDefinition*> parts_of(const TypeEntry& e) {
    std::vector<const ast::TypeDefinition*> parts{e.definition};
    parts.insert(parts.end(), e.extensions.begin(), e.extensions.end());
    return parts;
  }

  void build_members(TypeEntry& e) {
    NamedType* t = e.type;
    const auto parts = parts_of(e);
    switch (t->kind) {
      case TypeKind::object:
      case TypeKind::interface: {
        std::vector<Field> fields;
        std::vector<const NamedType*> interfaces;
        std::vector<const ast::FieldDefinition*> seen;
        for (const ast::TypeDefinition* part : parts) {
          for (const ast::Name& i : part->interfaces) {
            const NamedType* iface = lookup(i.value);
            if (iface == nullptr) {
              error(fmt::format("Unknown type \"{}\".", i.value), {i.loc});
              continue;
            }
            implements_[t].emplace_back(iface, i.loc);
            if (std::find(interfaces.begin(), interfaces.end(), iface) == interfaces.end()) {
              interfaces.push_back(iface);
            }
          }
          for (const ast::FieldDefinition& f : part->fields) {
            auto dup = std::find_if(seen.begin(), seen.end(), [&](const ast::FieldDefinition* o) {
              return o->name.value == f.name.value;
            });
            if (dup != seen.end()) {
              error(fmt::format("Field \"{}.{}\" can only be defined once.", t->name, f.name.value),
                    {(*dup)->name.loc, f.name.loc});
              continue;
            }
            seen.push_back(&f);
            check_name(f.name, f.loc, t->origin);
            Field field;
            field.name = f.name.value;
            field.description = description_of(f.description);
            field.loc = f.loc;
            field.type_loc = f.type->loc;
            field.type = resolve(f.type);
            std::string owner = fmt::format("{}.{}", t->name, f.name.value);
            std::vector<const ast::InputValueDefinition*> argument_nodes;
            field.arguments = store(input_values(
                f.arguments, [&](std::string_view a) { return fmt::format("{}({}:)", owner, a); },
                true, argument_nodes));
            if (field.type == nullptr) continue;
            fields.push_back(field);
            e.field_nodes.push_back(&f);
            e.argument_nodes.push_back(std::move(argument_nodes));
          }
        }
        t->fields = store(fields);
        t->interfaces = store(interfaces);
        break;
      }
      case TypeKind::union_type: {
        std::vector<const NamedType*> members;
        std::map<const NamedType*, ast::Offset> member_locs;
        for (const ast::TypeDefinition* part : parts) {
          for (const ast::Name& m : part->members) {
            const NamedType* member = lookup(m.value);
            if (member == nullptr) {
              error(fmt::format("Unknown type \"{}\".", m.value), {m.loc});
              continue;
            }
            if (std::find(members.begin(), members.end(), member) != members.end()) {
              error(fmt::format("Union type {} can only include type {} once.", t->name, m.value),
                    {member_locs[member], m.loc});
              continue;
            }
            if (member->kind != TypeKind::object) {
              error(fmt::format("Union type {} can only include Object types, it cannot include "
                                "{}.",
                                t->name, m.value),
                    {m.loc});
              continue;
            }
            members.push_back(member);
            member_locs[member] = m.loc;
          }
        }
        t->possible_types = store(members);
        break;
      }
      case TypeKind::enum_type: {
        std::vector<EnumValue> values;
        for (const ast::TypeDefinition* part : parts) {
          for (const ast::EnumValueDefinition& v : part->values) {
            auto dup = std::find_if(values.begin(), values.end(),
                                    [&](const EnumValue& o) { return o.name == v.name.value; });
            if (dup != values.end()) {
              error(fmt::format("Enum value \"{}.{}\" can only be defined once.", t->name,
                                v.name.value),
                    {dup->loc, v.name.loc});
              continue;
            }
            check_name(v.name, v.loc, t->origin);
            values.push_back(
                EnumValue{v.name.value, description_of(v.description), {}, v.name.loc});
            e.value_nodes.push_back(&v);
          }
        }
        t->values = store(values);
        break;
      }
      case TypeKind::input_object: {
        std::vector<ast::InputValueDefinition> all;
        for (const ast::TypeDefinition* part : parts) {
          all.insert(all.end(), part->input_fields.begin(), part->input_fields.end());
        }
        auto stored = s_->arena_.copy(std::span<const ast::InputValueDefinition>(all));
        t->input_fields = store(input_values(
            stored, [&](std::string_view f) { return fmt::format("{}.{}", t->name, f); }, false,
            e.input_field_nodes));
        break;
      }
      case TypeKind::scalar:
        break;
    }
  }

  void build_directive_definitions() {
    for (const ast::DirectiveDefinition* dd : directive_order_) {
      auto* d = s_->arena_.make<DirectiveDefinition>();
      d->name = dd->name.value;
      d->description = description_of(dd->description);
      d->repeatable = dd->repeatable;
      d->origin = directive_defs_[dd->name.value].second;
      d->loc = dd->loc;
      std::vector<const ast::InputValueDefinition*> argument_nodes;
      d->arguments = store(input_values(
          dd->arguments,
          [&](std::string_view a) { return fmt::format("@{}({}:)", dd->name.value, a); }, true,
          argument_nodes));
      apply_argument_directives(d->arguments, argument_nodes,
                                DirectiveLocation::argument_definition);
      std::vector<DirectiveLocation> locations;
      for (const ast::Name& l : dd->locations) {
        if (auto loc = parse_directive_location(l.value)) locations.push_back(*loc);
      }
      d->locations = store(locations);
      directives_.push_back(d);
      s_->directive_index_.emplace(d->name, d);
    }
  }

  // ---- step 3: roots

  void resolve_roots() {
    std::array<const NamedType*, 3> roots{};
    std::array<ast::Offset, 3> type_locs{};        // the type's name in the schema definition
    std::array<ast::Offset, 3> definition_locs{};  // the `query: Type` entry
    std::array<bool, 3> named{};                   // given in a schema definition or extension
    auto take = [&](const ast::SchemaDefinition* sd) {
      for (const ast::RootOperationTypeDefinition& rt : sd->operation_types) {
        auto index = static_cast<std::size_t>(rt.operation);
        if (named[index]) {
          error(sd->extension ? fmt::format("Type for {} already defined in the schema. It cannot "
                                            "be redefined.",
                                            ast::to_string(rt.operation))
                              : fmt::format("There can be only one {} type in schema.",
                                            ast::to_string(rt.operation)),
                {definition_locs[index], rt.loc});
          continue;
        }
        named[index] = true;
        definition_locs[index] = rt.loc;
        const NamedType* t = lookup(rt.type.value);
        if (t == nullptr) {
          error(fmt::format("Unknown type \"{}\".", rt.type.value), {rt.type.loc});
          continue;
        }
        roots[index] = t;
        type_locs[index] = rt.type.loc;
      }
    };
    for (const ast::SchemaDefinition* sd : schema_definitions_) take(sd);
    for (const ast::SchemaDefinition* ext : schema_extensions_) take(ext);
    if (!schema_definitions_.empty()) {
      s_->description_ = description_of(schema_definitions_.front()->description);
    } else if (schema_extensions_.empty()) {
      static constexpr std::string_view kDefaultNames[] = {"Query", "Mutation", "Subscription"};
      for (std::size_t i = 0; i < 3; ++i) {
        const NamedType* t = lookup(kDefaultNames[i]);
        if (t != nullptr && t->origin == Origin::user) {
          roots[i] = t;
          type_locs[i] = t->loc;
        }
      }
    }
    static constexpr std::string_view kRootNames[] = {"Query", "Mutation", "Subscription"};
    for (std::size_t i = 0; i < 3; ++i) {
      if (roots[i] != nullptr && roots[i]->kind != TypeKind::object) {
        error(fmt::format("{} root type must be Object type{}, it cannot be {}.", kRootNames[i],
                          i == 0 ? "" : " if provided", roots[i]->name),
              {type_locs[i]});
        roots[i] = nullptr;
        named[i] = true;
      }
    }
    if (roots[0] == nullptr && !named[0]) {
      if (schema_definitions_.empty()) {
        error("Query root type must be provided.", std::vector<ast::Offset>{});
      } else {
        error("Query root type must be provided.", {schema_definitions_.front()->loc});
      }
    }
    s_->query_ = roots[0];
    s_->mutation_ = roots[1];
    s_->subscription_ = roots[2];
  }

  // ---- step 4: applied directives

  struct Applied {
    const ast::Directive* node;
    const DirectiveDefinition* definition;
  };

  // Validates the directives at one location and returns the known ones.
  std::vector<Applied> check_directives(std::span<const ast::Directive> directives,
                                        DirectiveLocation location) {
    std::vector<Applied> out;
    for (const ast::Directive& d : directives) {
      const DirectiveDefinition* def = s_->directive(d.name.value);
      if (def == nullptr) {
        error(fmt::format("Unknown directive \"@{}\".", d.name.value), {d.loc});
        continue;
      }
      if (!def->allowed_at(location)) {
        error(fmt::format("Directive \"@{}\" may not be used on {}.", d.name.value,
                          to_string(location)),
              {d.loc});
        continue;
      }
      if (!def->repeatable) {
        auto earlier = std::find_if(out.begin(), out.end(),
                                    [&](const Applied& a) { return a.definition == def; });
        if (earlier != out.end()) {
          error(fmt::format("The directive \"@{}\" can only be used once at this location.",
                            d.name.value),
                {earlier->node->loc, d.loc});
          continue;
        }
      }
      check_arguments(d, *def);
      out.push_back(Applied{&d, def});
    }
    return out;
  }

  void check_arguments(const ast::Directive& d, const DirectiveDefinition& def) {
    for (std::size_t i = 0; i < d.arguments.size(); ++i) {
      const ast::Argument& a = d.arguments[i];
      for (std::size_t j = 0; j < i; ++j) {
        if (d.arguments[j].name.value == a.name.value) {
          error(fmt::format("There can be only one argument named \"{}\".", a.name.value),
                {d.arguments[j].name.loc, a.name.loc});
        }
      }
      const InputValue* arg = def.argument(a.name.value);
      if (arg == nullptr) {
        error(fmt::format("Unknown argument \"{}\" on directive \"@{}\".", a.name.value, def.name),
              {a.name.loc});
        continue;
      }
      detail::check_literal(a.value, arg->type, [&](std::string message, ast::Offset loc) {
        error(std::move(message), {loc});
      });
    }
    for (const InputValue& arg : def.arguments) {
      if (!arg.type->is_non_null() || arg.default_value != nullptr) continue;
      bool given = std::any_of(d.arguments.begin(), d.arguments.end(),
                               [&](const ast::Argument& a) { return a.name.value == arg.name; });
      if (!given) {
        error(fmt::format("Directive \"@{}\" argument \"{}\" of type \"{}\" is required, but it "
                          "was not provided.",
                          def.name, arg.name, to_string(arg.type)),
              {d.loc});
      }
    }
  }

  // The string value of argument `name` of an applied directive, or `fallback`.
  static std::string_view string_argument(const Applied& a, std::string_view name,
                                          std::string_view fallback) {
    for (const ast::Argument& arg : a.node->arguments) {
      if (arg.name.value == name && arg.value->kind == ast::ValueKind::string)
        return arg.value->text;
    }
    const InputValue* def = a.definition->argument(name);
    if (def != nullptr && def->default_value != nullptr &&
        def->default_value->kind == ast::ValueKind::string) {
      return def->default_value->text;
    }
    return fallback;
  }

  static Deprecation deprecation_of(const std::vector<Applied>& applied) {
    for (const Applied& a : applied) {
      if (a.definition->name == "deprecated") {
        return Deprecation{true, string_argument(a, "reason", "No longer supported"), a.node->loc};
      }
    }
    return {};
  }

  void apply_type_directives(TypeEntry& e) {
    NamedType* t = e.type;
    const auto parts = parts_of(e);
    static constexpr DirectiveLocation kLocations[] = {
        DirectiveLocation::scalar,    DirectiveLocation::object,
        DirectiveLocation::interface, DirectiveLocation::union_type,
        DirectiveLocation::enum_type, DirectiveLocation::input_object};
    std::vector<ast::Directive> all;
    for (const ast::TypeDefinition* part : parts) {
      all.insert(all.end(), part->directives.begin(), part->directives.end());
    }
    auto applied = check_directives(all, kLocations[static_cast<std::size_t>(t->kind)]);
    for (const Applied& a : applied) {
      std::string_view name = a.definition->name;
      if (name == "specifiedBy") t->specified_by_url = string_argument(a, "url", "");
      if (name == "oneOf") t->one_of = true;
      if (name == "view") {
        std::string default_name = "v_" + snake(lower_first(t->name));
        auto* view = s_->arena_.make<View>();
        view->name = string_argument(a, "name", s_->arena_.copy(default_name));
        view->key = string_argument(a, "key", "id");
        view->data = string_argument(a, "data", "data");
        for (auto [what, value] : {std::pair{"name", view->name}, std::pair{"key", view->key},
                                   std::pair{"data", view->data}}) {
          if (value.empty()) {
            error(fmt::format("@view on {} needs a non-empty {}.", t->name, what), {a.node->loc});
          }
        }
        t->view = view;
      }
    }
    // Members: fields and their arguments, enum values, input fields.
    auto* fields = const_cast<Field*>(t->fields.data());
    for (std::size_t i = 0; i < t->fields.size(); ++i) {
      Field& f = fields[i];
      auto field_applied =
          check_directives(e.field_nodes[i]->directives, DirectiveLocation::field_definition);
      f.deprecation = deprecation_of(field_applied);
      apply_field_directives(*t, f, field_applied);
      apply_argument_directives(f.arguments, e.argument_nodes[i],
                                DirectiveLocation::argument_definition);
    }
    auto* values = const_cast<EnumValue*>(t->values.data());
    for (std::size_t i = 0; i < t->values.size(); ++i) {
      values[i].deprecation = deprecation_of(
          check_directives(e.value_nodes[i]->directives, DirectiveLocation::enum_value));
    }
    apply_argument_directives(t->input_fields, e.input_field_nodes,
                              DirectiveLocation::input_field_definition);
  }

  void apply_argument_directives(std::span<const InputValue> values,
                                 const std::vector<const ast::InputValueDefinition*>& nodes,
                                 DirectiveLocation location) {
    auto* mutable_values = const_cast<InputValue*>(values.data());
    for (std::size_t i = 0; i < values.size(); ++i) {
      mutable_values[i].deprecation =
          deprecation_of(check_directives(nodes[i]->directives, location));
    }
  }

  static std::string lower_first(std::string_view name) {
    std::string out(name);
    if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z')
      out[0] = static_cast<char>(out[0] - 'A' + 'a');
    return out;
  }

  void apply_field_directives(const NamedType& owner, Field& f,
                              const std::vector<Applied>& applied) {
    const ast::Directive* action_node = nullptr;
    for (const Applied& a : applied) {
      std::string_view name = a.definition->name;
      if (name == "field") {
        f.key = string_argument(a, "key", "");
        if (f.key.empty()) error("@field needs a non-empty key.", {a.node->loc});
        continue;
      }
      static const std::pair<std::string_view, std::pair<FieldAction, std::string_view>>
          kActions[] = {{"function", {FieldAction::function, "name"}},
                        {"listen", {FieldAction::listen, "channel"}},
                        {"insert", {FieldAction::insert, "table"}},
                        {"update", {FieldAction::update, "table"}},
                        {"delete", {FieldAction::remove, "table"}}};
      for (const auto& [directive, action] : kActions) {
        if (name != directive) continue;
        if (action_node != nullptr) {
          error(fmt::format("Field {}.{} can have only one of @function, @listen, @insert, "
                            "@update and @delete.",
                            owner.name, f.name),
                {action_node->loc, a.node->loc});
          continue;
        }
        action_node = a.node;
        f.action = action.first;
        f.target = string_argument(a, action.second, "");
        if (f.target.empty()) {
          error(fmt::format("@{} needs a non-empty {}.", directive, action.second), {a.node->loc});
        }
        action_owners_.push_back({&owner, &f, a.node->loc});
      }
    }
  }

  // ---- step 5: type rules (spec 3.6 - 3.10, graphql-js validateSchema)

  bool is_subtype(const TypeRef* maybe_sub, const TypeRef* super) {
    if (same_type(maybe_sub, super)) return true;
    if (super->is_non_null()) {
      return maybe_sub->is_non_null() && is_subtype(maybe_sub->of, super->of);
    }
    if (maybe_sub->is_non_null()) return is_subtype(maybe_sub->of, super);
    if (super->is_list()) return maybe_sub->is_list() && is_subtype(maybe_sub->of, super->of);
    if (maybe_sub->is_list()) return false;
    const NamedType* sup = super->named;
    const NamedType* sub = maybe_sub->named;
    if (!sup->is_abstract()) return false;
    if (sup->kind == TypeKind::union_type) {
      return std::find(sup->possible_types.begin(), sup->possible_types.end(), sub) !=
             sup->possible_types.end();
    }
    return std::find(sub->interfaces.begin(), sub->interfaces.end(), sup) != sub->interfaces.end();
  }

  void check_type(TypeEntry& e) {
    const NamedType* t = e.type;
    if (t->origin != Origin::user) return;
    std::vector<ast::Offset> at{e.definition->loc};
    for (const ast::TypeDefinition* ext : e.extensions) at.push_back(ext->loc);
    // Members dropped for an error of their own do not also make the type empty.
    std::size_t declared = 0;
    for (const ast::TypeDefinition* part : parts_of(e)) {
      declared += part->fields.size() + part->members.size() + part->values.size() +
                  part->input_fields.size();
    }
    switch (t->kind) {
      case TypeKind::object:
      case TypeKind::interface: {
        if (declared == 0)
          error(fmt::format("Type {} must define one or more fields.", t->name), at);
        for (const Field& f : t->fields) {
          if (!f.type->named->is_output()) {
            error(fmt::format("The type of {}.{} must be Output Type but got: {}.", t->name, f.name,
                              to_string(f.type)),
                  {f.type_loc});
          }
          for (const InputValue& a : f.arguments) {
            check_input_value(a, fmt::format("{}.{}({}:)", t->name, f.name, a.name), "argument");
          }
        }
        check_interfaces(t, e);
        break;
      }
      case TypeKind::union_type:
        if (declared == 0) {
          error(fmt::format("Union type {} must define one or more member types.", t->name), at);
        }
        break;
      case TypeKind::enum_type:
        if (declared == 0) {
          error(fmt::format("Enum type {} must define one or more values.", t->name), at);
        }
        break;
      case TypeKind::input_object:
        if (declared == 0) {
          error(fmt::format("Input Object type {} must define one or more fields.", t->name), at);
        }
        for (const InputValue& f : t->input_fields) {
          check_input_value(f, fmt::format("{}.{}", t->name, f.name), "input field");
          if (t->one_of && f.type->is_non_null()) {
            error(fmt::format("OneOf input field {}.{} must be nullable.", t->name, f.name),
                  {f.type_loc});
          }
          if (t->one_of && f.default_value != nullptr) {
            error(fmt::format("OneOf input field {}.{} cannot have a default value.", t->name,
                              f.name),
                  {f.loc});
          }
        }
        break;
      case TypeKind::scalar:
        break;
    }
  }

  // graphql-js points at the type for fields' arguments and input fields, at the whole
  // argument for directives' arguments.
  void check_input_value(const InputValue& v, const std::string& path, std::string_view what,
                         bool at_type = true) {
    if (!v.type->named->is_input()) {
      error(fmt::format("The type of {} must be Input Type but got: {}.", path, to_string(v.type)),
            {at_type ? v.type_loc : v.loc});
    }
    if (v.type->is_non_null() && v.default_value == nullptr && v.deprecation.deprecated) {
      error(fmt::format("Required {} {} cannot be deprecated.", what, path),
            {v.deprecation.loc, v.type_loc});
    }
  }

  // Where `type` names `iface` after `implements`.
  std::vector<ast::Offset> implements_locs(const NamedType* type, const NamedType* iface) {
    std::vector<ast::Offset> out;
    for (auto [named, loc] : implements_[type]) {
      if (named == iface) out.push_back(loc);
    }
    return out;
  }

  void check_interfaces(const NamedType* t, const TypeEntry& e) {
    std::vector<ast::Offset> type_locs{e.definition->loc};
    for (const ast::TypeDefinition* ext : e.extensions) type_locs.push_back(ext->loc);
    std::set<const NamedType*> seen;
    const auto references = implements_[t];
    for (auto [iface, unused] : references) {
      if (iface->kind != TypeKind::interface) {
        error(fmt::format("Type {} must only implement Interface types, it cannot implement {}.",
                          t->name, iface->name),
              implements_locs(t, iface));
        continue;
      }
      if (iface == t) {
        error(fmt::format("Type {} cannot implement itself because it would create a circular "
                          "reference.",
                          t->name),
              implements_locs(t, iface));
        continue;
      }
      if (!seen.insert(iface).second) {
        error(fmt::format("Type {} can only implement {} once.", t->name, iface->name),
              implements_locs(t, iface));
        continue;
      }
      for (const NamedType* transitive : iface->interfaces) {
        if (std::find(t->interfaces.begin(), t->interfaces.end(), transitive) !=
            t->interfaces.end()) {
          continue;
        }
        std::vector<ast::Offset> locs = implements_locs(iface, transitive);
        for (ast::Offset l : implements_locs(t, iface)) locs.push_back(l);
        error(transitive == t
                  ? fmt::format("Type {} cannot implement {} because it would create a "
                                "circular reference.",
                                t->name, iface->name)
                  : fmt::format("Type {} must implement {} because it is implemented by "
                                "{}.",
                                t->name, transitive->name, iface->name),
              std::move(locs));
      }
      for (const Field& iface_field : iface->fields) {
        const Field* f = t->field(iface_field.name);
        if (f == nullptr) {
          error(fmt::format("Interface field {}.{} expected but {} does not provide it.",
                            iface->name, iface_field.name, t->name),
                with(iface_field.loc, type_locs));
          continue;
        }
        if (!is_subtype(f->type, iface_field.type)) {
          error(fmt::format("Interface field {}.{} expects type {} but {}.{} is type {}.",
                            iface->name, iface_field.name, to_string(iface_field.type), t->name,
                            f->name, to_string(f->type)),
                {iface_field.type_loc, f->type_loc});
        }
        for (const InputValue& iface_arg : iface_field.arguments) {
          const InputValue* arg = f->argument(iface_arg.name);
          if (arg == nullptr) {
            error(fmt::format("Interface field argument {}.{}({}:) expected but {}.{} does not "
                              "provide it.",
                              iface->name, iface_field.name, iface_arg.name, t->name, f->name),
                  {iface_arg.loc, f->loc});
            continue;
          }
          if (!same_type(arg->type, iface_arg.type)) {
            error(fmt::format("Interface field argument {}.{}({}:) expects type {} but {}.{}({}:) "
                              "is type {}.",
                              iface->name, iface_field.name, iface_arg.name,
                              to_string(iface_arg.type), t->name, f->name, arg->name,
                              to_string(arg->type)),
                  {iface_arg.type_loc, arg->type_loc});
          }
        }
        for (const InputValue& arg : f->arguments) {
          if (arg.type->is_non_null() && arg.default_value == nullptr &&
              iface_field.argument(arg.name) == nullptr) {
            error(fmt::format("Object field {}.{} includes required argument {} that is missing "
                              "from the Interface field {}.{}.",
                              t->name, f->name, arg.name, iface->name, iface_field.name),
                  {arg.loc, iface_field.loc});
          }
        }
      }
    }
  }

  // Input objects may not contain themselves through non-null singular fields (spec 3.10); each
  // cycle is reported once, from the first of its types in type order, as graphql-js does.
  void check_input_cycles() {
    std::set<const NamedType*> visited;
    std::vector<const InputValue*> path;
    std::map<const NamedType*, std::size_t> index_by_type;
    std::function<void(const NamedType*)> visit = [&](const NamedType* t) {
      if (!visited.insert(t).second) return;
      index_by_type[t] = path.size();
      for (const InputValue& f : t->input_fields) {
        if (!f.type->is_non_null() || f.type->of->kind != TypeRef::Kind::named) continue;
        const NamedType* next = f.type->named;
        if (next->kind != TypeKind::input_object) continue;
        auto cycle = index_by_type.find(next);
        path.push_back(&f);
        if (cycle == index_by_type.end()) {
          visit(next);
        } else {
          std::string names;
          std::vector<ast::Offset> locs;
          for (std::size_t i = cycle->second; i < path.size(); ++i) {
            names += (names.empty() ? "" : ".") + std::string(path[i]->name);
            locs.push_back(path[i]->loc);
          }
          error(fmt::format("Cannot reference Input Object \"{}\" within itself through a series "
                            "of non-null fields: \"{}\".",
                            next->name, names),
                std::move(locs));
        }
        path.pop_back();
      }
      index_by_type.erase(t);
    };
    for (std::size_t index : user_order_) {
      if (entries_[index].type->kind == TypeKind::input_object) visit(entries_[index].type);
    }
  }

  void check_directive_definitions() {
    for (const DirectiveDefinition* d : directives_) {
      if (d->origin != Origin::user) continue;
      for (const InputValue& a : d->arguments) {
        check_input_value(a, fmt::format("@{}({}:)", d->name, a.name), "argument", false);
      }
    }
  }

  void check_default(const InputValue& v) {
    if (v.default_value == nullptr || !v.type->named->is_input()) return;
    detail::check_literal(v.default_value, v.type, [&](std::string message, ast::Offset loc) {
      error("Invalid default value: " + message, {loc});
    });
  }

  void check_defaults() {
    for (std::size_t index : user_order_) {
      const NamedType* t = entries_[index].type;
      for (const Field& f : t->fields) {
        for (const InputValue& a : f.arguments) check_default(a);
      }
      for (const InputValue& f : t->input_fields) check_default(f);
    }
    for (const DirectiveDefinition* d : directives_) {
      if (d->origin != Origin::user) continue;
      for (const InputValue& a : d->arguments) check_default(a);
    }
  }

  // ---- step 6: Sluice's rules

  void check_sluice_directives() {
    for (const auto& [owner, field, loc] : action_owners_) {
      const NamedType* required = nullptr;
      std::string_view directive;
      switch (field->action) {
        case FieldAction::listen:
          required = s_->subscription_;
          directive = "@listen";
          break;
        case FieldAction::insert:
        case FieldAction::update:
        case FieldAction::remove:
          required = s_->mutation_;
          directive = field->action == FieldAction::insert   ? "@insert"
                      : field->action == FieldAction::update ? "@update"
                                                             : "@delete";
          break;
        case FieldAction::function:
          if (owner != s_->query_ && owner != s_->mutation_) {
            error(fmt::format("@function is only allowed on fields of the query and mutation root "
                              "types, not on {}.{}.",
                              owner->name, field->name),
                  {loc});
          } else if (owner == s_->mutation_) {
            check_mutation_result(*owner, *field);
          }
          continue;
        case FieldAction::read:
          continue;
      }
      if (owner != required) {
        error(fmt::format("{} is only allowed on fields of the {} root type, not on {}.{}.",
                          directive,
                          field->action == FieldAction::listen ? "subscription" : "mutation",
                          owner->name, field->name),
              {loc});
      } else if (field->action != FieldAction::listen) {
        const NamedType* result = field->type->named;
        if (field->type->nullable()->is_list() || result->view == nullptr) {
          error(fmt::format("{}.{} has {}, so it must return one object of a @view type (the row "
                            "written, read back from the type's view); it returns \"{}\".",
                            owner->name, field->name, directive, to_string(field->type)),
                {field->type_loc});
        }
      }
    }
  }

  // A @function mutation's result is filled from the function's mutation_response
  // (docs/MUTATIONS.md): a @view type receives the entity; an object type is a success or error
  // type whose every field has a role in the contract; a union has one success and at most one
  // error member.
  void check_mutation_result(const NamedType& owner, const Field& field) {
    const NamedType* result = field.type->named;
    auto fail = [&](std::string_view why) {
      error(fmt::format("Mutation field {}.{} calls a function, so it must return {}; it returns "
                        "\"{}\"{}.",
                        owner.name, field.name,
                        "a @view type, a result object type or a union of a success and an error "
                        "type",
                        to_string(field.type), why),
            {field.type_loc});
    };
    if (field.type->nullable()->is_list()) return fail(", a list");
    if (result->kind == TypeKind::object) {
      if (result->view == nullptr) classify_result(*result);
      return;
    }
    if (result->kind != TypeKind::union_type) return fail("");
    int successes = 0;
    int failures = 0;
    for (const NamedType* member : result->possible_types) {
      if (member->view != nullptr) return fail(", a union with a @view member");
      if (!classify_result(*member)) return;
      (member->result == ResultKind::error ? failures : successes) += 1;
    }
    if (successes != 1 || failures > 1) {
      fail(
          fmt::format(", whose members are {} success and {} error types (an error type is one "
                      "with a `code` field)",
                      successes, failures));
    }
  }

  // Gives every field of the result object type `type` its role; false (with errors) when a
  // field has none.
  bool classify_result(const NamedType& type) {
    if (type.result != ResultKind::none) return true;
    auto* t = lookup(type.name);
    auto* fields = const_cast<Field*>(t->fields.data());
    bool ok = true;
    bool has_code = false;
    const Field* entity = nullptr;
    for (std::size_t i = 0; i < t->fields.size(); ++i) {
      Field& f = fields[i];
      const NamedType* named = f.type->named;
      const bool is_list_type = f.type->nullable()->is_list();
      auto scalar = [&](std::initializer_list<ScalarKind> kinds) {
        return !is_list_type && named->kind == TypeKind::scalar &&
               std::find(kinds.begin(), kinds.end(), named->scalar) != kinds.end();
      };
      auto reject = [&](std::string_view expected) {
        error(fmt::format("Field {}.{} of a mutation result type must be {}; it is \"{}\" "
                          "(docs/MUTATIONS.md lists what a result type can hold).",
                          t->name, f.name, expected, to_string(f.type)),
              {f.type_loc});
        ok = false;
      };
      if (!f.arguments.empty()) {
        error(fmt::format("Field {}.{} of a mutation result type cannot have arguments.", t->name,
                          f.name),
              {f.loc});
        ok = false;
        continue;
      }
      // The contract's fields by name, then the entity by type.
      ResultRole role = ResultRole::none;
      bool fits = false;
      std::string_view expected;
      if (f.name == "status" || f.name == "message") {
        role = f.name == "status" ? ResultRole::status : ResultRole::message;
        fits = scalar({ScalarKind::string});
        expected = "String";
      } else if (f.name == "id") {
        role = ResultRole::id;
        fits = scalar({ScalarKind::id, ScalarKind::uuid, ScalarKind::string});
        expected = "ID, UUID or String";
      } else if (f.name == "updatedFields") {
        role = ResultRole::updated_fields;
        fits = is_list_type && !f.type->nullable()->of->nullable()->is_list() &&
               named->kind == TypeKind::scalar && named->scalar == ScalarKind::string;
        expected = "[String!]";
      } else if (f.name == "cascade" || f.name == "metadata") {
        role = f.name == "cascade" ? ResultRole::cascade : ResultRole::metadata;
        fits = scalar({ScalarKind::json});
        expected = "JSON";
      } else if (f.name == "code") {
        role = ResultRole::code;
        has_code = true;
        fits = scalar({ScalarKind::int_type});
        expected = "Int!";
      } else if (f.name == "errors") {
        role = ResultRole::errors;
        fits = is_list_type && named->kind == TypeKind::object && named->view == nullptr;
        expected = "a list of an object type (the items of metadata.errors)";
      } else if (!is_list_type && named->kind == TypeKind::object && named->view != nullptr) {
        if (entity != nullptr) {
          error(fmt::format("Mutation result type {} has two fields of a @view type, {} and {}; "
                            "the entity fills one.",
                            t->name, entity->name, f.name),
                {f.loc});
          ok = false;
        }
        entity = &f;
        role = ResultRole::entity;
        fits = true;
      } else {
        expected =
            "one of status, message, id, updatedFields, cascade, metadata, code, errors, or a "
            "field of a @view type (the entity)";
      }
      if (fits) {
        f.result_role = role;
      } else {
        reject(expected);
      }
    }
    if (!has_code) {
      for (const Field& f : t->fields) {
        if (f.result_role == ResultRole::errors) {
          error(fmt::format("Mutation result type {} has `errors` but no `code: Int!`; error "
                            "types have both.",
                            t->name),
                {f.loc});
          ok = false;
        }
      }
    }
    t->result = has_code ? ResultKind::error : ResultKind::success;
    return ok;
  }

  // ---- step 7: generated inputs (docs/SCHEMA.md, "Generated inputs")

  NamedType* new_type(TypeKind kind, std::string name, std::string description, ast::Offset cause) {
    if (const NamedType* existing = lookup(name)) {
      error(fmt::format("Type \"{}\" is generated by Sluice and cannot be declared; rename the "
                        "declared type.",
                        name),
            {existing->origin == Origin::user ? existing->loc : cause});
      return nullptr;
    }
    auto* t = s_->arena_.make<NamedType>();
    t->kind = kind;
    t->origin = Origin::generated;
    t->name = s_->arena_.copy(name);
    t->description = {true, s_->arena_.copy(description)};
    type_entries_.emplace(t->name, entries_.size());
    entries_.push_back(TypeEntry{t, nullptr, {}});
    generated_.push_back(t);
    return t;
  }

  const TypeRef* ref(const NamedType* t) {
    return s_->arena_.make<TypeRef>(TypeRef{TypeRef::Kind::named, t, nullptr});
  }
  const TypeRef* non_null(const TypeRef* t) {
    return s_->arena_.make<TypeRef>(TypeRef{TypeRef::Kind::non_null, t->named, t});
  }
  const TypeRef* list(const TypeRef* t) {
    return s_->arena_.make<TypeRef>(TypeRef{TypeRef::Kind::list, t->named, t});
  }
  InputValue input(std::string_view name, const TypeRef* type) {
    InputValue v;
    v.name = name;
    v.type = type;
    return v;
  }

  static bool ordered(ScalarKind k) {
    switch (k) {
      case ScalarKind::int_type:
      case ScalarKind::float_type:
      case ScalarKind::big_int:
      case ScalarKind::string:
      case ScalarKind::id:
      case ScalarKind::date_time:
      case ScalarKind::date:
        return true;
      default:
        return false;
    }
  }

  // <Leaf>Filter or <Leaf>ListFilter, created on first use.
  const NamedType* filter_for(const NamedType* leaf, bool is_list, ast::Offset cause) {
    std::string name = std::string(leaf->name) + (is_list ? "ListFilter" : "Filter");
    if (const NamedType* existing = lookup(name);
        existing != nullptr && existing->origin == Origin::generated) {
      return existing;
    }
    NamedType* t = new_type(
        TypeKind::input_object, name,
        fmt::format("Conditions on {}{} values.", is_list ? "lists of " : "", leaf->name), cause);
    if (t == nullptr) return nullptr;
    const TypeRef* item = non_null(ref(leaf));
    const TypeRef* boolean = ref(lookup("Boolean"));
    std::vector<InputValue> fields;
    if (is_list) {
      fields = {input("contains", list(item)), input("overlaps", list(item)),
                input("isEmpty", boolean), input("isNull", boolean)};
    } else {
      const TypeRef* value = ref(leaf);
      fields = {input("eq", value), input("neq", value), input("in", list(item)),
                input("nin", list(item)), input("isNull", boolean)};
      if (leaf->kind == TypeKind::scalar && ordered(leaf->scalar)) {
        for (std::string_view op : {"gt", "gte", "lt", "lte"}) fields.push_back(input(op, value));
      }
      if (leaf->kind == TypeKind::scalar && leaf->scalar == ScalarKind::string) {
        for (std::string_view op :
             {"contains", "icontains", "startsWith", "endsWith", "like", "ilike"}) {
          fields.push_back(input(op, value));
        }
      }
      if (leaf->kind == TypeKind::scalar && leaf->scalar == ScalarKind::json) {
        fields.push_back(input("contains", value));
        fields.push_back(input("hasKey", ref(lookup("String"))));
      }
    }
    t->input_fields = store(fields);
    return t;
  }

  void generate_inputs() {
    // Object types reachable from a @view type through its fields, in type order.
    std::vector<NamedType*> reachable;
    std::function<void(const NamedType*)> reach = [&](const NamedType* t) {
      auto* mutable_t = lookup(t->name);
      if (std::find(reachable.begin(), reachable.end(), mutable_t) != reachable.end()) return;
      reachable.push_back(mutable_t);
      for (const Field& f : t->fields) {
        if (f.type->named->kind == TypeKind::object && f.arguments.empty()) reach(f.type->named);
      }
    };
    for (std::size_t index : user_order_) {
      if (entries_[index].type->view != nullptr) reach(entries_[index].type);
    }
    if (reachable.empty()) return;

    NamedType* direction = new_type(TypeKind::enum_type, "OrderDirection",
                                    "Sort order, with PostgreSQL's NULLS FIRST / NULLS LAST.", 0);
    if (direction == nullptr) return;
    std::vector<EnumValue> directions;
    for (std::string_view v : {"ASC", "DESC", "ASC_NULLS_FIRST", "ASC_NULLS_LAST",
                               "DESC_NULLS_FIRST", "DESC_NULLS_LAST"}) {
      directions.push_back(EnumValue{v, {}, {}, 0});
    }
    direction->values = store(directions);

    // Create every Where/OrderBy first so that fields can refer to them in any order.
    for (NamedType* t : reachable) {
      t->where_input = new_type(
          TypeKind::input_object, std::string(t->name) + "Where",
          fmt::format("Filter on {}: every given condition must hold. AND, OR and NOT combine "
                      "filters.",
                      t->name),
          t->loc);
    }
    for (NamedType* t : reachable) {
      bool orderable = std::any_of(t->fields.begin(), t->fields.end(), [&](const Field& f) {
        return order_entry(f) != OrderEntry::none;
      });
      if (orderable) {
        t->order_by_input = new_type(
            TypeKind::input_object, std::string(t->name) + "OrderBy",
            fmt::format("Ordering of {}: give one field per list entry; entries apply in order.",
                        t->name),
            t->loc);
      }
    }
    if (!errors_.empty()) return;
    for (NamedType* t : reachable) {
      auto* where = const_cast<NamedType*>(t->where_input);
      std::vector<InputValue> fields;
      for (const Field& f : t->fields) {
        if (!f.arguments.empty()) continue;
        const NamedType* base = f.type->named;
        bool is_list = false;
        for (const TypeRef* r = f.type; r != nullptr; r = r->of) is_list = is_list || r->is_list();
        const NamedType* input_type = nullptr;
        if (base->is_leaf()) {
          input_type = filter_for(base, is_list, f.loc);
        } else if (base->kind == TypeKind::object) {
          input_type = base->where_input;
        }
        if (input_type != nullptr) fields.push_back(input(f.name, ref(input_type)));
      }
      const TypeRef* self = non_null(ref(where));
      fields.push_back(input("AND", list(self)));
      fields.push_back(input("OR", list(self)));
      fields.push_back(input("NOT", ref(where)));
      where->input_fields = store(fields);

      if (t->order_by_input == nullptr) continue;
      auto* order_by = const_cast<NamedType*>(t->order_by_input);
      std::vector<InputValue> order_fields;
      for (const Field& f : t->fields) {
        switch (order_entry(f)) {
          case OrderEntry::direction:
            order_fields.push_back(input(f.name, ref(direction)));
            break;
          case OrderEntry::nested:
            order_fields.push_back(input(f.name, ref(f.type->named->order_by_input)));
            break;
          case OrderEntry::none:
            break;
        }
      }
      order_by->input_fields = store(order_fields);
    }
    add_list_arguments();
    add_write_arguments();
  }

  enum class OrderEntry { none, direction, nested };

  // How a field takes part in <Type>OrderBy: scalars and enums sort directly, single nested
  // objects through their own OrderBy; lists, JSON and fields with arguments do not sort.
  OrderEntry order_entry(const Field& f) {
    if (!f.arguments.empty() || f.type->nullable()->is_list()) return OrderEntry::none;
    const NamedType* base = f.type->named;
    if (base->kind == TypeKind::enum_type) return OrderEntry::direction;
    if (base->kind == TypeKind::scalar) {
      return base->scalar == ScalarKind::json ? OrderEntry::none : OrderEntry::direction;
    }
    if (base->kind == TypeKind::object && base->view == nullptr && base->where_input != nullptr) {
      // Nested objects need an OrderBy of their own, which exists when they have a sortable field.
      bool any = false;
      for (const Field& nested : base->fields) {
        any = any || (&nested != &f && order_entry_shallow(nested));
      }
      return any ? OrderEntry::nested : OrderEntry::none;
    }
    if (base->kind == TypeKind::object && base->order_by_input != nullptr)
      return OrderEntry::nested;
    return OrderEntry::none;
  }

  static bool order_entry_shallow(const Field& f) {
    if (!f.arguments.empty() || f.type->nullable()->is_list()) return false;
    const NamedType* base = f.type->named;
    return base->kind == TypeKind::enum_type ||
           (base->kind == TypeKind::scalar && base->scalar != ScalarKind::json);
  }

  // Root query fields returning a list of a @view type get where/orderBy/limit/offset.
  void add_list_arguments() {
    NamedType* query = lookup(s_->query_->name);
    auto* fields = const_cast<Field*>(query->fields.data());
    for (std::size_t i = 0; i < query->fields.size(); ++i) {
      Field& f = fields[i];
      const TypeRef* outer = f.type->nullable();
      if (!outer->is_list() || outer->of->nullable()->is_list()) continue;
      const NamedType* item = f.type->named;
      if (item->view == nullptr || item->where_input == nullptr) continue;
      std::vector<InputValue> args(f.arguments.begin(), f.arguments.end());
      auto add = [&](std::string_view name, const TypeRef* type) {
        if (f.argument(name) == nullptr) args.push_back(input(name, type));
      };
      add("where", ref(item->where_input));
      if (item->order_by_input != nullptr)
        add("orderBy", list(non_null(ref(item->order_by_input))));
      add("limit", ref(lookup("Int")));
      add("offset", ref(lookup("Int")));
      f.generated_arguments = args.size() != f.arguments.size();
      f.arguments = store(args);
    }
  }

  // @insert gets `input: <Type>Insert!`, @update `id: ID!` and `patch: <Type>Patch!`, @delete
  // `id: ID!`, each unless the field declares it.
  void add_write_arguments() {
    if (s_->mutation_ == nullptr) return;
    NamedType* mutation = lookup(s_->mutation_->name);
    auto* fields = const_cast<Field*>(mutation->fields.data());
    for (std::size_t i = 0; i < mutation->fields.size(); ++i) {
      Field& f = fields[i];
      if (f.action != FieldAction::insert && f.action != FieldAction::update &&
          f.action != FieldAction::remove) {
        continue;
      }
      std::vector<InputValue> args(f.arguments.begin(), f.arguments.end());
      auto add = [&](std::string_view name, const NamedType* type) {
        if (type != nullptr && f.argument(name) == nullptr) {
          args.push_back(input(name, non_null(ref(type))));
        }
      };
      if (f.action == FieldAction::insert) {
        add("input", write_input(*f.type->named, "Insert", f.loc));
      } else {
        add("id", lookup("ID"));
        if (f.action == FieldAction::update) {
          add("patch", write_input(*f.type->named, "Patch", f.loc));
        }
      }
      f.generated_arguments = f.generated_arguments || args.size() != f.arguments.size();
      f.arguments = store(args);
    }
  }

  // <Type>Insert / <Type>Patch: the @view type's leaf fields (scalars, enums, lists of them; a
  // patch without the key), all optional, so that the table's defaults and constraints decide. An input object the
  // schema declares under that name is used instead.
  const NamedType* write_input(const NamedType& type, std::string_view suffix, ast::Offset cause) {
    const std::string name = std::string(type.name) + std::string(suffix);
    if (const NamedType* existing = lookup(name);
        existing != nullptr && existing->kind == TypeKind::input_object) {
      return existing;
    }
    NamedType* t = new_type(
        TypeKind::input_object, name,
        suffix == "Insert"
            ? fmt::format("A new {}: each given field sets the table column of its JSON key; the "
                          "others take the column's default.",
                          type.name)
            : fmt::format("Changes to a {}: each given field sets the table column of its JSON "
                          "key (null sets NULL); the others stay as they are.",
                          type.name),
        cause);
    if (t == nullptr) return nullptr;
    std::vector<InputValue> fields;
    for (const Field& f : type.fields) {
      // A patch does not change the key: the `id` argument names the row.
      const bool key = suffix == "Patch" && json_key(f) == type.view->key;
      if (f.arguments.empty() && f.type->named->is_leaf() && !key) {
        fields.push_back(input(f.name, f.type->nullable()));
      }
    }
    t->input_fields = store(fields);
    return t;
  }

  // ---- step 8: the finished schema

  void finish() {
    std::vector<const NamedType*> order;
    for (std::size_t index : user_order_) order.push_back(entries_[index].type);
    for (const TypeEntry& e : entries_) {
      if (e.type->origin == Origin::sluice) order.push_back(e.type);
    }
    order.insert(order.end(), generated_.begin(), generated_.end());
    for (const TypeEntry& e : entries_) {
      if (e.type->origin == Origin::spec) order.push_back(e.type);
    }
    s_->types_ = std::move(order);
    for (const NamedType* t : s_->types_) s_->type_index_.emplace(t->name, t);

    // Interfaces list the object types that implement them, in type order.
    std::unordered_map<const NamedType*, std::vector<const NamedType*>> implementations;
    for (const NamedType* t : s_->types_) {
      if (t->kind != TypeKind::object) continue;
      for (const NamedType* iface : t->interfaces) implementations[iface].push_back(t);
    }
    for (auto& [iface, objects] : implementations) {
      const_cast<NamedType*>(iface)->possible_types = store(objects);
    }

    s_->directives_ = directives_;
    const NamedType* string = lookup("String");
    auto* meta = s_->arena_.make<Field>();
    meta->name = "__typename";
    meta->type = non_null(ref(string));
    s_->typename_field_ = meta;
    meta = s_->arena_.make<Field>();
    meta->name = "__schema";
    meta->type = non_null(ref(lookup("__Schema")));
    s_->schema_field_ = meta;
    meta = s_->arena_.make<Field>();
    meta->name = "__type";
    meta->type = ref(lookup("__Type"));
    std::vector<InputValue> args{input("name", non_null(ref(string)))};
    meta->arguments = store(args);
    s_->type_field_ = meta;
  }

  std::unique_ptr<Schema> s_;
  std::vector<Pending> errors_;
  std::vector<TypeEntry> entries_;
  std::unordered_map<std::string_view, std::size_t> type_entries_;
  std::vector<std::size_t> user_order_;
  std::vector<const NamedType*> generated_;
  std::vector<const ast::TypeDefinition*> pending_extensions_;
  std::vector<const ast::SchemaDefinition*> schema_definitions_;
  std::vector<const ast::SchemaDefinition*> schema_extensions_;
  std::unordered_map<std::string_view, std::pair<const ast::DirectiveDefinition*, Origin>>
      directive_defs_;
  std::vector<const ast::DirectiveDefinition*> directive_order_;
  std::vector<const DirectiveDefinition*> directives_;
  // Every `implements` reference of each type, repeats included, where it is written.
  std::map<const NamedType*, std::vector<std::pair<const NamedType*, ast::Offset>>> implements_;
  struct ActionOwner {
    const NamedType* owner;
    const Field* field;
    ast::Offset loc;
  };
  std::vector<ActionOwner> action_owners_;
};

SchemaLoadResult load_schema(std::string sdl, std::string file_name) {
  return SchemaBuilder(std::move(sdl), std::move(file_name)).build();
}

}  // namespace sluice::graphql
