#include "sluice/graphql/schema.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "graphql_js.hpp"
#include "sluice/graphql/naming.hpp"

namespace sluice::graphql {
namespace {

using testing::graphql_js_available;
using testing::kSourceDir;
using testing::read_file;
using testing::run_graphql_js;

std::vector<std::string> split_cases(const std::string& text) {
  std::vector<std::string> cases;
  std::string current;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    if (line == "# ----") {
      cases.push_back(current);
      current.clear();
    } else {
      current += line + "\n";
    }
    pos = end + 1;
  }
  cases.push_back(current);
  return cases;
}

using ErrorSet = std::vector<std::pair<std::string, std::vector<std::pair<int, int>>>>;

ErrorSet sorted(ErrorSet e) {
  for (auto& [m, l] : e) std::sort(l.begin(), l.end());
  std::sort(e.begin(), e.end());
  return e;
}

// Spec 3 (Type System) rules: every error, with the locations graphql-js gives.
TEST(LoadSchema, ReportsWhatGraphqlJsReports) {
  if (!graphql_js_available()) GTEST_SKIP() << "graphql-js not installed (cd tools && npm ci)";
  auto cases = split_cases(
      read_file(kSourceDir / "src/graphql/testdata/schema_errors/graphql_rules.graphql"));
  std::string joined = nlohmann::json(cases).dump();
  auto expected = run_graphql_js(
      R"(import { parse, buildASTSchema, validateSchema } from "graphql";
         import { validateSDL } from "graphql/validation/validate.js";
         import { readFileSync } from "fs";
         const out = JSON.parse(readFileSync(process.argv[1], "utf8")).map((sdl) => {
           const doc = parse(sdl);
           let errors = validateSDL(doc);
           if (errors.length === 0) errors = validateSchema(buildASTSchema(doc, { assumeValidSDL: true }));
           return errors.map((e) => [e.message, (e.locations || []).map((l) => [l.line, l.column])]);
         });
         process.stdout.write(JSON.stringify(out)))",
      {joined});
  ASSERT_TRUE(expected);
  auto js = nlohmann::json::parse(*expected);
  ASSERT_EQ(js.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    ErrorSet theirs;
    for (const auto& e : js[i])
      theirs.emplace_back(e[0], e[1].get<std::vector<std::pair<int, int>>>());
    auto loaded = load_schema(cases[i], "case.graphql");
    ErrorSet ours;
    for (const Error& e : loaded.errors) {
      std::vector<std::pair<int, int>> locs;
      for (const auto& l : e.locations) locs.emplace_back(l.line, l.column);
      ours.emplace_back(e.message, locs);
    }
    EXPECT_FALSE(theirs.empty()) << "case " << i << " is meant to be invalid:\n" << cases[i];
    EXPECT_EQ(sorted(ours), sorted(theirs))
        << "case " << i << ":\n"
        << cases[i] << "ours:\n"
        << format_errors("case.graphql", loaded.errors) << "graphql-js:\n"
        << js[i].dump();
  }
}

std::shared_ptr<const Schema> blog() {
  auto loaded = load_schema(read_file(kSourceDir / "src/graphql/testdata/schemas/blog.graphql"));
  EXPECT_TRUE(loaded) << format_errors("blog.graphql", loaded.errors);
  return loaded.schema;
}

TEST(LoadSchema, ReportsEveryProblemWithFileLineAndColumn) {
  auto loaded = load_schema("type Query {\n  a: Nope\n  b: Int @view\n}\ntype Query { c: Int }\n",
                            "app.graphql");
  ASSERT_FALSE(loaded);
  EXPECT_EQ(format_errors("app.graphql", loaded.errors),
            "app.graphql:1:6: There can be only one type named \"Query\".\n"
            "app.graphql:5:6: There can be only one type named \"Query\".\n"
            "app.graphql:2:6: Unknown type \"Nope\".\n"
            "app.graphql:3:10: Directive \"@view\" may not be used on FIELD_DEFINITION.\n");
}

TEST(LoadSchema, ChecksWhereSluiceDirectivesGo) {
  auto loaded = load_schema(R"(
    type Query { a: Int @listen(channel: "c") b: Int @insert(table: "t") }
    type Mutation { c: Int @function(name: "f") @delete(table: "t") d: Int @listen(channel: "") }
    type Subscription { e: Int @listen(channel: "c") }
  )");
  std::vector<std::string> messages;
  for (const Error& e : loaded.errors) messages.push_back(e.message);
  EXPECT_EQ(messages,
            (std::vector<std::string>{
                "@listen is only allowed on fields of the subscription root type, not on Query.a.",
                "@insert is only allowed on fields of the mutation root type, not on Query.b.",
                "Mutation field Mutation.c calls a function, so it must return a @view type, a "
                "result object type or a union of a success and an error type; it returns "
                "\"Int\".",
                "Field Mutation.c can have only one of @function, @listen, @insert, @update "
                "and @delete.",
                "@listen needs a non-empty channel.",
                "@listen is only allowed on fields of the subscription root type, not on "
                "Mutation.d.",
            }));
}

TEST(LoadSchema, ReadsSluiceDirectives) {
  auto loaded = load_schema(R"(
    type BookAuthor @view { id: ID! fullName: String @field(key: "name") }
    type Shelf @view(name: "tv_shelf", key: "shelf_id", data: "doc") { id: ID! }
    type Query { authors: [BookAuthor!]! }
    type Mutation { add(x: Int): Shelf @function(name: "fn_add") }
    type Subscription { added: Int @listen(channel: "added") }
  )");
  ASSERT_TRUE(loaded) << format_errors("s", loaded.errors);
  const Schema& s = *loaded.schema;
  const NamedType* author = s.type("BookAuthor");
  ASSERT_NE(author->view, nullptr);
  EXPECT_EQ(author->view->name, "v_" + snake("bookAuthor"));
  EXPECT_EQ(author->view->key, "id");
  EXPECT_EQ(author->view->data, "data");
  EXPECT_EQ(author->field("fullName")->key, "name");
  EXPECT_EQ(author->field("id")->key, "");
  const View* shelf = s.type("Shelf")->view;
  EXPECT_EQ(shelf->name, "tv_shelf");
  EXPECT_EQ(shelf->key, "shelf_id");
  EXPECT_EQ(shelf->data, "doc");
  const Field* add = s.mutation_type()->field("add");
  EXPECT_EQ(add->action, FieldAction::function);
  EXPECT_EQ(add->target, "fn_add");
  EXPECT_EQ(s.subscription_type()->field("added")->action, FieldAction::listen);
}

// docs/SCHEMA.md "Generated inputs", checked against the schema's own fields.
TEST(GeneratedInputs, WhereHasOneEntryPerFieldPlusCombinators) {
  auto s = blog();
  for (const char* name : {"User", "Post", "Comment", "AuthorSummary"}) {
    const NamedType* t = s->type(name);
    ASSERT_NE(t->where_input, nullptr) << name;
    const NamedType* where = t->where_input;
    EXPECT_EQ(where->name, std::string(name) + "Where");
    ASSERT_EQ(where->input_fields.size(), t->fields.size() + 3) << name;
    for (std::size_t i = 0; i < t->fields.size(); ++i) {
      const Field& f = t->fields[i];
      const InputValue& entry = where->input_fields[i];
      EXPECT_EQ(entry.name, f.name);
      const NamedType* base = f.type->named;
      bool is_list = f.type->nullable()->is_list();
      std::string expected = base->kind == TypeKind::object
                                 ? std::string(base->name) + "Where"
                                 : std::string(base->name) + (is_list ? "ListFilter" : "Filter");
      EXPECT_EQ(to_string(entry.type), expected) << name << "." << f.name;
    }
    EXPECT_EQ(to_string(where->input_fields[t->fields.size()].type),
              "[" + std::string(name) + "Where!]");
    EXPECT_EQ(where->input_fields[t->fields.size() + 2].name, "NOT");
  }
  EXPECT_EQ(s->type("Role")->where_input, nullptr);
  EXPECT_EQ(s->type("MutationResult")->where_input, nullptr);  // not reachable from a @view
}

TEST(GeneratedInputs, FiltersHaveTheOperatorsOfTheirScalar) {
  auto s = blog();
  auto names = [&](std::string_view type) {
    std::vector<std::string> out;
    for (const InputValue& f : s->type(type)->input_fields) out.emplace_back(f.name);
    return out;
  };
  using V = std::vector<std::string>;
  const V common{"eq", "neq", "in", "nin", "isNull"};
  const V ordered{"gt", "gte", "lt", "lte"};
  const V text{"contains", "icontains", "startsWith", "endsWith", "like", "ilike"};
  auto cat = [](std::initializer_list<V> parts) {
    V out;
    for (const V& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
  };
  EXPECT_EQ(names("StringFilter"), cat({common, ordered, text}));
  EXPECT_EQ(names("IntFilter"), cat({common, ordered}));
  EXPECT_EQ(names("FloatFilter"), cat({common, ordered}));
  EXPECT_EQ(names("DateTimeFilter"), cat({common, ordered}));
  EXPECT_EQ(names("UUIDFilter"), common);
  EXPECT_EQ(names("BooleanFilter"), common);
  EXPECT_EQ(names("RoleFilter"), common);
  EXPECT_EQ(names("JSONFilter"), cat({common, {"contains", "hasKey"}}));
  EXPECT_EQ(names("StringListFilter"), (V{"contains", "overlaps", "isEmpty", "isNull"}));
  EXPECT_EQ(to_string(s->type("IntFilter")->input_field("in")->type), "[Int!]");
}

TEST(GeneratedInputs, OrderByCoversSortableFields) {
  auto s = blog();
  const NamedType* post = s->type("Post");
  const NamedType* order = post->order_by_input;
  ASSERT_NE(order, nullptr);
  for (const Field& f : post->fields) {
    const InputValue* entry = order->input_field(f.name);
    bool sortable = !f.type->nullable()->is_list() && f.type->named->kind != TypeKind::object &&
                    f.type->named->scalar != ScalarKind::json;
    if (f.type->named->kind == TypeKind::object && !f.type->nullable()->is_list()) {
      ASSERT_NE(entry, nullptr) << f.name;
      EXPECT_EQ(to_string(entry->type), std::string(f.type->named->name) + "OrderBy");
    } else if (sortable) {
      ASSERT_NE(entry, nullptr) << f.name;
      EXPECT_EQ(to_string(entry->type), "OrderDirection");
    } else {
      EXPECT_EQ(entry, nullptr) << f.name;
    }
  }
  std::vector<std::string> directions;
  for (const EnumValue& v : s->type("OrderDirection")->values) directions.emplace_back(v.name);
  EXPECT_EQ(directions,
            (std::vector<std::string>{"ASC", "DESC", "ASC_NULLS_FIRST", "ASC_NULLS_LAST",
                                      "DESC_NULLS_FIRST", "DESC_NULLS_LAST"}));
}

TEST(GeneratedInputs, RootListFieldsGetArgumentsUnlessDeclared) {
  auto s = blog();
  auto args = [&](std::string_view field) {
    std::vector<std::string> out;
    for (const InputValue& a : s->query_type()->field(field)->arguments) {
      out.push_back(std::string(a.name) + ": " + to_string(a.type));
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(args("posts"),
            (V{"where: PostWhere", "orderBy: [PostOrderBy!]", "limit: Int", "offset: Int"}));
  // `comments(limit: Int = 20)` keeps its own limit.
  EXPECT_EQ(args("comments"),
            (V{"limit: Int", "where: CommentWhere", "orderBy: [CommentOrderBy!]", "offset: Int"}));
  EXPECT_EQ(args("post"), (V{"id: UUID!"}));  // not a list
  EXPECT_TRUE(s->query_type()->field("posts")->generated_arguments);
}

TEST(GeneratedInputs, ADeclaredTypeWithAGeneratedNameIsAnError) {
  auto loaded = load_schema(
      "type Book @view { id: ID! } input BookWhere { x: Int } "
      "type Query { books: [Book] }");
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.errors.front().message,
            "Type \"BookWhere\" is generated by Sluice and cannot be declared; rename the declared "
            "type.");
}

// Where Sluice is stricter than graphql-js's buildSchema (docs/SCHEMA.md, "Loading").
TEST(LoadSchema, RejectsWhatGraphqlJsWouldQuietlyAccept) {
  auto messages = [](const std::string& sdl) {
    std::vector<std::string> out;
    for (const Error& e : load_schema(sdl).errors) out.push_back(e.message);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(messages("type Query { a: Int } directive @skip on FIELD"),
            (V{"Directive \"@skip\" already exists in the schema. It cannot be redefined."}));
  EXPECT_EQ(messages("type Query { a: Int } directive @view on OBJECT"),
            (V{"Directive \"@view\" already exists in the schema. It cannot be redefined."}));
  EXPECT_EQ(messages("type Query { a: Int } scalar String"),
            (V{"Type \"String\" already exists in the schema. It cannot also be defined in this "
               "type definition."}));
  EXPECT_EQ(messages("type Query { a(x: Int = \"one\", y: [Int!] = [null]): Int }"),
            (V{"Invalid default value: Int cannot represent non-integer value: \"one\"",
               "Invalid default value: Expected value of type \"Int!\", found null."}));
  EXPECT_EQ(messages("type Query { a: Int } query { a }"),
            (V{"Operations and fragments cannot appear in a schema file."}));
}

TEST(LoadSchema, DeclaringASluiceScalarMakesAnOrdinaryCustomScalar) {
  auto loaded = load_schema("scalar DateTime type Query { a: DateTime b: Date }");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded.schema->type("DateTime")->scalar, ScalarKind::custom);
  EXPECT_EQ(loaded.schema->type("Date")->scalar, ScalarKind::date);
}

// ---- mutations (docs/MUTATIONS.md)

constexpr std::string_view kMutationTypes = R"(
  type Book @view { id: ID! title: String! pages: Int tags: [String!]! author: Author }
  type Author { name: String }
  type Query { books: [Book!]! }
  type FieldError { field: String code: String! message: String! }
)";

std::vector<std::string> messages_of(const SchemaLoadResult& loaded) {
  std::vector<std::string> out;
  for (const Error& e : loaded.errors) out.push_back(e.message);
  return out;
}

TEST(MutationSchema, ResultTypesGetTheirRolesFromTheContract) {
  auto loaded = load_schema(std::string(kMutationTypes) + R"(
    type CreateBookSuccess { status: String! message: String id: ID book: Book
                             updatedFields: [String!] cascade: JSON metadata: JSON }
    type CreateBookError { status: String! message: String code: Int! errors: [FieldError!]
                           book: Book }
    union CreateBookResult = CreateBookSuccess | CreateBookError
    type Mutation {
      createBook(input: JSON): CreateBookResult! @function(name: "fn_create_book")
      touchBook(id: ID!): Book @function(name: "fn_touch_book")
      renameBook(id: ID!): CreateBookSuccess @function(name: "fn_rename_book")
    }
  )");
  ASSERT_TRUE(loaded) << format_errors("s", loaded.errors);
  const Schema& s = *loaded.schema;
  const NamedType* success = s.type("CreateBookSuccess");
  const NamedType* failure = s.type("CreateBookError");
  EXPECT_EQ(success->result, ResultKind::success);
  EXPECT_EQ(failure->result, ResultKind::error);
  EXPECT_EQ(s.type("Book")->result, ResultKind::none);
  const std::vector<std::pair<std::string_view, ResultRole>> success_roles{
      {"status", ResultRole::status},
      {"message", ResultRole::message},
      {"id", ResultRole::id},
      {"book", ResultRole::entity},
      {"updatedFields", ResultRole::updated_fields},
      {"cascade", ResultRole::cascade},
      {"metadata", ResultRole::metadata}};
  for (const auto& [name, role] : success_roles) {
    EXPECT_EQ(success->field(name)->result_role, role) << name;
  }
  EXPECT_EQ(failure->field("code")->result_role, ResultRole::code);
  EXPECT_EQ(failure->field("errors")->result_role, ResultRole::errors);
  EXPECT_EQ(failure->field("book")->result_role, ResultRole::entity);
  // Fields of ordinary types have no role, even when named like a contract field.
  EXPECT_EQ(s.type("FieldError")->field("code")->result_role, ResultRole::none);
}

TEST(MutationSchema, AResultTypeThatTheContractCannotFillFailsToLoad) {
  auto loaded = load_schema(std::string(kMutationTypes) + R"(
    type Ok { status: Int message: String title: String book: Book other: Book }
    type Bad { status: String! errors: [FieldError!] }
    type Err { status: String! code: Int! }
    type Err2 { status: String! code: Int! }
    union TwoErrors = Ok | Err | Err2
    union WithBad = Bad | Err
    type Mutation {
      a(input: JSON): Ok @function(name: "fn_a")
      b(input: JSON): [Book] @function(name: "fn_b")
      c(input: JSON): TwoErrors @function(name: "fn_c")
      d(input: JSON): String @function(name: "fn_d")
      e(input: JSON): WithBad @function(name: "fn_e")
    }
  )");
  EXPECT_EQ(messages_of(loaded),
            (std::vector<std::string>{
                "Field Ok.status of a mutation result type must be String; it is \"Int\" "
                "(docs/MUTATIONS.md lists what a result type can hold).",
                "Field Ok.title of a mutation result type must be one of status, message, id, "
                "updatedFields, cascade, metadata, code, errors, or a field of a @view type (the "
                "entity); it is \"String\" (docs/MUTATIONS.md lists what a result type can hold).",
                "Mutation result type Ok has two fields of a @view type, book and other; the "
                "entity fills one.",
                "Mutation result type Bad has `errors` but no `code: Int!`; error types have both.",
                "Mutation field Mutation.b calls a function, so it must return a @view type, a "
                "result object type or a union of a success and an error type; it returns "
                "\"[Book]\", a list.",
                "Mutation field Mutation.c calls a function, so it must return a @view type, a "
                "result object type or a union of a success and an error type; it returns "
                "\"TwoErrors\", whose members are 1 success and 2 error types (an error type is "
                "one with a `code` field).",
                "Mutation field Mutation.d calls a function, so it must return a @view type, a "
                "result object type or a union of a success and an error type; it returns "
                "\"String\".",
            }));
}

TEST(MutationSchema, GeneratedWritesGetTheirArgumentsAndInputs) {
  auto loaded = load_schema(std::string(kMutationTypes) + R"(
    input BookPatch { title: String }
    type Shelf @view { id: ID! name: String size: Int }
    type Mutation {
      addBook: Book! @insert(table: "tb_book")
      editBook: Book @update(table: "tb_book")
      dropBook(id: UUID!): Book @delete(table: "tb_book")
      editShelf: Shelf @update(table: "tb_shelf")
    }
  )");
  ASSERT_TRUE(loaded) << format_errors("s", loaded.errors);
  const Schema& s = *loaded.schema;
  auto arguments = [&](std::string_view field) {
    std::vector<std::string> out;
    for (const InputValue& a : s.mutation_type()->field(field)->arguments) {
      out.push_back(std::string(a.name) + ": " + to_string(a.type));
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(arguments("addBook"), V{"input: BookInsert!"});
  EXPECT_EQ(arguments("editBook"), (V{"id: ID!", "patch: BookPatch!"}));
  EXPECT_EQ(arguments("dropBook"), V{"id: UUID!"});  // declared: kept as written
  // Insert: the view type's leaf fields, all optional; the declared BookPatch is used as is.
  std::vector<std::string> insert_fields;
  for (const InputValue& f : s.type("BookInsert")->input_fields) {
    insert_fields.push_back(std::string(f.name) + ": " + to_string(f.type));
  }
  EXPECT_EQ(insert_fields, (V{"id: ID", "title: String", "pages: Int", "tags: [String!]"}));
  EXPECT_EQ(s.type("BookInsert")->origin, Origin::generated);
  EXPECT_EQ(s.type("BookPatch")->origin, Origin::user);
  EXPECT_EQ(s.type("BookPatch")->input_fields.size(), 1u);
  // A generated patch leaves the key out: the `id` argument names the row.
  std::vector<std::string> patch_fields;
  for (const InputValue& f : s.type("ShelfPatch")->input_fields) {
    patch_fields.push_back(std::string(f.name) + ": " + to_string(f.type));
  }
  EXPECT_EQ(patch_fields, (V{"name: String", "size: Int"}));
}

TEST(MutationSchema, GeneratedWritesReturnOneObjectOfAViewType) {
  auto loaded = load_schema(std::string(kMutationTypes) + R"(
    type Mutation {
      a: [Book!]! @insert(table: "tb_book")
      b: Author @update(table: "tb_author")
    }
  )");
  EXPECT_EQ(messages_of(loaded),
            (std::vector<std::string>{
                "Mutation.a has @insert, so it must return one object of a @view type (the row "
                "written, read back from the type's view); it returns \"[Book!]!\".",
                "Mutation.b has @update, so it must return one object of a @view type (the row "
                "written, read back from the type's view); it returns \"Author\".",
            }));
}

}  // namespace
}  // namespace sluice::graphql
