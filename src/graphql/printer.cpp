#include "sluice/graphql/printer.hpp"

#include "values.hpp"

namespace sluice::graphql {
namespace {

using detail::print_string;

void print_description(const Description& d, std::string_view indentation, bool first_in_block,
                       std::string& out) {
  if (!d.present) return;
  if (!indentation.empty() && !first_in_block) {
    out += '\n';
  }
  out += indentation;
  std::string text;
  if (detail::printable_as_block_string(d.text)) {
    detail::print_block_string(d.text, text);
  } else {
    print_string(d.text, text);
  }
  for (char c : text) {
    out += c;
    if (c == '\n') out += indentation;
  }
  out += '\n';
}

void print_deprecated(const Deprecation& d, std::string& out) {
  if (!d.deprecated) return;
  if (d.reason == "No longer supported") {
    out += " @deprecated";
    return;
  }
  out += " @deprecated(reason: ";
  print_string(d.reason, out);
  out += ')';
}

void print_input_value(const InputValue& v, std::string& out) {
  out += v.name;
  out += ": ";
  out += to_string(v.type);
  if (v.default_value != nullptr) {
    out += " = ";
    detail::print_canonical(v.default_value, v.type, out);
  }
  print_deprecated(v.deprecation, out);
}

void print_arguments(std::span<const InputValue> args, std::string_view indentation,
                     std::string& out) {
  if (args.empty()) return;
  bool described = false;
  for (const InputValue& a : args)
    described = described || (a.description.present && !a.description.text.empty());
  if (!described) {
    out += '(';
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (i != 0) out += ", ";
      print_input_value(args[i], out);
    }
    out += ')';
    return;
  }
  out += "(\n";
  std::string inner = std::string("  ") + std::string(indentation);
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i != 0) out += '\n';
    print_description(args[i].description, inner, i == 0, out);
    out += inner;
    print_input_value(args[i], out);
  }
  out += '\n';
  out += indentation;
  out += ')';
}

void print_implements(const NamedType& t, std::string& out) {
  for (std::size_t i = 0; i < t.interfaces.size(); ++i) {
    out += i == 0 ? " implements " : " & ";
    out += t.interfaces[i]->name;
  }
}

void print_type(const NamedType& t, std::string& out) {
  print_description(t.description, "", true, out);
  switch (t.kind) {
    case TypeKind::scalar:
      out += "scalar ";
      out += t.name;
      if (!t.specified_by_url.empty()) {
        out += " @specifiedBy(url: ";
        print_string(t.specified_by_url, out);
        out += ')';
      }
      return;
    case TypeKind::object:
    case TypeKind::interface:
      out += t.kind == TypeKind::object ? "type " : "interface ";
      out += t.name;
      print_implements(t, out);
      if (t.fields.empty()) return;
      out += " {\n";
      for (std::size_t i = 0; i < t.fields.size(); ++i) {
        const Field& f = t.fields[i];
        if (i != 0) out += '\n';
        print_description(f.description, "  ", i == 0, out);
        out += "  ";
        out += f.name;
        print_arguments(f.arguments, "  ", out);
        out += ": ";
        out += to_string(f.type);
        print_deprecated(f.deprecation, out);
      }
      out += "\n}";
      return;
    case TypeKind::union_type:
      out += "union ";
      out += t.name;
      for (std::size_t i = 0; i < t.possible_types.size(); ++i) {
        out += i == 0 ? " = " : " | ";
        out += t.possible_types[i]->name;
      }
      return;
    case TypeKind::enum_type:
      out += "enum ";
      out += t.name;
      if (t.values.empty()) return;
      out += " {\n";
      for (std::size_t i = 0; i < t.values.size(); ++i) {
        if (i != 0) out += '\n';
        print_description(t.values[i].description, "  ", i == 0, out);
        out += "  ";
        out += t.values[i].name;
        print_deprecated(t.values[i].deprecation, out);
      }
      out += "\n}";
      return;
    case TypeKind::input_object:
      out += "input ";
      out += t.name;
      if (t.one_of) out += " @oneOf";
      if (t.input_fields.empty()) return;
      out += " {\n";
      for (std::size_t i = 0; i < t.input_fields.size(); ++i) {
        if (i != 0) out += '\n';
        print_description(t.input_fields[i].description, "  ", i == 0, out);
        out += "  ";
        print_input_value(t.input_fields[i], out);
      }
      out += "\n}";
      return;
  }
}

void print_directive(const DirectiveDefinition& d, std::string& out) {
  print_description(d.description, "", true, out);
  out += "directive @";
  out += d.name;
  print_arguments(d.arguments, "", out);
  if (d.repeatable) out += " repeatable";
  out += " on ";
  for (std::size_t i = 0; i < d.locations.size(); ++i) {
    if (i != 0) out += " | ";
    out += to_string(d.locations[i]);
  }
}

}  // namespace

std::string print_schema(const Schema& schema) {
  std::string out;
  auto separate = [&] {
    if (!out.empty()) out += "\n\n";
  };
  const NamedType* q = schema.query_type();
  const NamedType* m = schema.mutation_type();
  const NamedType* s = schema.subscription_type();
  bool common_names = (q == nullptr || q->name == "Query") &&
                      (m == nullptr || m->name == "Mutation") &&
                      (s == nullptr || s->name == "Subscription");
  if (schema.description().present || !common_names) {
    print_description(schema.description(), "", true, out);
    out += "schema {\n";
    if (q != nullptr) out += "  query: " + std::string(q->name) + "\n";
    if (m != nullptr) out += "  mutation: " + std::string(m->name) + "\n";
    if (s != nullptr) out += "  subscription: " + std::string(s->name) + "\n";
    out += "}";
  }
  for (const DirectiveDefinition* d : schema.directives()) {
    if (d->origin == Origin::spec) continue;
    separate();
    print_directive(*d, out);
  }
  for (const NamedType* t : schema.types()) {
    if (t->origin == Origin::spec) continue;
    separate();
    print_type(*t, out);
  }
  return out;
}

}  // namespace sluice::graphql
