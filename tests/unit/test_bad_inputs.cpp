// The corpus of bad input (tests/bad/): every file gets its exact error
// document through the C API, never a crash; resource limits; rule files.
#include "sejour61/sejour61.h"
#include "sejour61/rules.hpp"
#include "sejour61/record.hpp"

#include <nlohmann/json.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kBad = std::string(SEJOUR61_TEST_CASES_DIR) + "/../bad";

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Handle {
    s61_rules* r = nullptr;
    Handle() { EXPECT_EQ(s61_rules_open(SEJOUR61_TEST_RULES_DIR, &r, nullptr), S61_OK); }
    ~Handle() { s61_rules_close(r); }
};

// Evaluates `text` and returns the error document (or fails the test).
json error_doc(const std::string& text, const char* on, int expect_rc = S61_EINPUT) {
    static Handle h;
    char* out = nullptr;
    int rc = s61_status(h.r, text.c_str(), on, nullptr, &out);
    EXPECT_EQ(rc, expect_rc);
    json doc = out ? json::parse(out) : json();
    s61_free(out);
    return doc;
}

const char* kBase = R"({"format": "sejour61.case/1", "id": "BIG", "person": {"birth_date": "1990-01-01",
  "nationality": "NG"}, "offence": {"type": "trafficking"}, "events": [)";

}  // namespace

TEST(BadCases, EveryFileGivesItsExactError) {
    std::ifstream in(kBad + "/expected.json");
    json expected = json::parse(in);
    size_t files = 0;
    for (const auto& e : fs::directory_iterator(kBad + "/cases")) {
        ++files;
        std::string name = e.path().filename().string();
        SCOPED_TRACE(name);
        ASSERT_TRUE(expected.contains(name)) << "no expectation for " << name;
        const json& want = expected[name];
        std::string text = slurp(e.path());
        json doc = error_doc(text, want.value("on", "2030-01-01").c_str());
        EXPECT_EQ(doc["format"], "sejour61.error/1");
        EXPECT_EQ(doc["code"], want["code"]);
        EXPECT_EQ(doc["path"], want["path"]);
        EXPECT_EQ(doc["message"], want["message"]);
        // Personal data planted in the corpus is never echoed.
        for (const char* secret : {"Jane", "Lagos", "victim said", "rumour", "army", "passport", "interview"})
            EXPECT_EQ(doc.dump().find(secret), std::string::npos) << secret;
    }
    EXPECT_EQ(files, expected.size());
    EXPECT_GE(files, 60u);
}

TEST(Limits, InputLargerThan16MiB) {
    // A 50 MB case file: refused before parsing.
    std::string big = std::string(kBase) + R"({"date": "2026-01-05", "type": "indications", "by": "police"}]})";
    big.insert(big.find("\"BIG\"") + 1, std::string(50u * 1000u * 1000u, 'x'));
    json doc = error_doc(big, "2030-01-01");
    EXPECT_EQ(doc["message"], "the input is larger than 16 MiB (limit)");
    EXPECT_TRUE(doc["path"].is_null());
}

TEST(Limits, MoreThan10000Events) {
    std::string text = kBase;
    for (int i = 0; i <= 10000; ++i) text += std::string(i ? "," : "") + R"({"date": "2026-01-05", "type": "identity_established"})";
    text += "]}";
    json doc = error_doc(text, "2030-01-01");
    EXPECT_EQ(doc["path"], "events");
    EXPECT_EQ(doc["message"], "events: has more than 10000 events (limit)");
    // 10 000 events are accepted.
    std::string ok = kBase;
    ok += R"({"date": "2026-01-05", "type": "indications", "by": "police"})";
    for (int i = 1; i < 10000; ++i) ok += R"(,{"date": "2026-01-05", "type": "identity_established"})";
    ok += "]}";
    char* out = nullptr;
    EXPECT_EQ(s61_validate(ok.c_str(), &out), S61_OK);
    s61_free(out);
}

TEST(Limits, NestingDepth) {
    // 32 levels are accepted as JSON (then refused as a case), 33 are not.
    json doc = error_doc("{\"events\": " + std::string(31, '[') + std::string(31, ']') + "}", "2030-01-01");
    EXPECT_EQ(doc["message"], "format: is required");
    doc = error_doc("{\"events\": " + std::string(32, '[') + std::string(32, ']') + "}", "2030-01-01");
    EXPECT_NE(doc["message"].get<std::string>().find("nesting deeper than 32 levels (limit)"), std::string::npos);
}

TEST(BadRules, EveryRuleFileGivesItsError) {
    std::ifstream in(kBad + "/rules-expected.json");
    json expected = json::parse(in);
    size_t files = 0;
    for (const auto& e : fs::directory_iterator(kBad + "/rules")) {
        ++files;
        std::string name = e.path().filename().string();
        SCOPED_TRACE(name);
        ASSERT_TRUE(expected.contains(name));
        const json& want = expected[name];
        fs::path dir = fs::temp_directory_path() / ("s61-badrules-" + std::to_string(::getpid()) + "-" + name);
        fs::remove_all(dir);
        fs::copy(SEJOUR61_TEST_RULES_DIR, dir, fs::copy_options::recursive);
        fs::copy_file(e.path(), dir / want["target"].get<std::string>(), fs::copy_options::overwrite_existing);
        sejour61::seal_rules_dir(dir.string());  // the content error speaks, not the manifest
        s61_rules* r = nullptr;
        char* err = nullptr;
        EXPECT_EQ(s61_rules_open(dir.c_str(), &r, &err), S61_ERULES);
        EXPECT_EQ(r, nullptr);
        json doc = err ? json::parse(err) : json();
        s61_free(err);
        EXPECT_EQ(doc["code"], "rules");
        EXPECT_NE(doc["message"].get<std::string>().find(want["contains"].get<std::string>()), std::string::npos)
            << doc["message"];
        fs::remove_all(dir);
    }
    EXPECT_EQ(files, expected.size());
}

TEST(OutOfOrder, SameResultAsTheSortedFileWithAWarning) {
    json c = json::parse(std::string(kBase) + R"(
      {"date": "2026-01-05", "type": "indications", "by": "police"},
      {"date": "2026-01-06", "type": "centre_contact", "centre": "x"},
      {"date": "2026-02-01", "type": "cooperation", "form": "complaint"},
      {"date": "2026-03-10", "type": "identity_established"},
      {"date": "2026-04-02", "type": "prosecutor_opinion", "by": "prosecutor", "victim": true,
       "proceedings_ongoing": true, "cooperating": true}]})");
    json shuffled = c;
    std::reverse(shuffled["events"].begin(), shuffled["events"].end());
    static Handle h;
    for (const char* on : {"2026-01-06", "2026-03-01", "2026-06-01", "2027-06-01"}) {
        char *a = nullptr, *b = nullptr;
        ASSERT_EQ(s61_timeline(h.r, c.dump().c_str(), on, nullptr, &a), S61_OK);
        ASSERT_EQ(s61_timeline(h.r, shuffled.dump().c_str(), on, nullptr, &b), S61_OK);
        EXPECT_STREQ(a, b);
        s61_free(a);
        s61_free(b);
        ASSERT_EQ(s61_status(h.r, c.dump().c_str(), on, nullptr, &a), S61_OK);
        ASSERT_EQ(s61_status(h.r, shuffled.dump().c_str(), on, nullptr, &b), S61_OK);
        json sa = json::parse(a), sb = json::parse(b);
        s61_free(a);
        s61_free(b);
        ASSERT_EQ(sb["warnings"].size(), sa["warnings"].size() + 1);
        EXPECT_EQ(sb["warnings"][0]["message"],
                  "the events of the file are not in date order: they were processed in date order");
        sb["warnings"].erase(0);
        EXPECT_EQ(sa, sb);
    }
}

// ---- Issue 9 item 4: one error table for the three faces.
#include "sejour61/errors.hpp"

TEST(ErrorTable, EveryKindHasOneRowAndTheFacesAgree) {
    using sejour61::ErrorKind;
    const auto& t = sejour61::error_table();
    EXPECT_EQ(t.size(), 7u);
    auto row = [](ErrorKind k) { return sejour61::error_info(k); };
    EXPECT_EQ(row(ErrorKind::input).exit_code, 1);
    EXPECT_EQ(row(ErrorKind::usage).exit_code, 2);
    EXPECT_EQ(row(ErrorKind::rules).exit_code, 3);
    EXPECT_EQ(row(ErrorKind::rules).s61, S61_ERULES);
    EXPECT_EQ(std::string(row(ErrorKind::rules).python), "RulesError");
    EXPECT_EQ(row(ErrorKind::nomem).s61, S61_ENOMEM);
    EXPECT_EQ(row(ErrorKind::io).exit_code, 5);
    // Each library exception is classified as the README's table says.
    auto kind = [](auto&& thrower) {
        try {
            thrower();
        } catch (...) {
            return sejour61::classify(std::current_exception()).kind;
        }
        return ErrorKind::internal;
    };
    EXPECT_EQ(kind([] { throw sejour61::CaseError("events[1].date", "is not a calendar date"); }), ErrorKind::input);
    EXPECT_EQ(kind([] { throw sejour61::UnknownRuleSet("unknown reform"); }), ErrorKind::usage);
    EXPECT_EQ(kind([] { throw sejour61::RulesError("x"); }), ErrorKind::rules);
    EXPECT_EQ(kind([] { throw std::bad_alloc(); }), ErrorKind::nomem);
    EXPECT_EQ(kind([] { throw std::logic_error("x"); }), ErrorKind::internal);
    auto refused = [] {
        try {
            throw sejour61::RefusedEvent("R-ASOF", "event: after today");
        } catch (...) {
            return sejour61::classify(std::current_exception());
        }
    }();
    EXPECT_EQ(refused.kind, ErrorKind::refused);
    EXPECT_EQ(refused.rule, "R-ASOF");
    EXPECT_EQ(refused.message, "refused (R-ASOF): event: after today");
}
