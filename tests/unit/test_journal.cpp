// A record that keeps its history (issue 12): the "recorded" stamp,
// "references" and "notes" in sejour61.case/1, and the journal of
// add / amend / undo written before the case.
#include "sejour61/journal.hpp"
#include "sejour61/record.hpp"
#include "sejour61/stamp.hpp"

#include "case_fixture.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace sejour61;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json base() { return test::minimal_case(); }

std::string error_of(const json& j) {
    try {
        parse_case(j.dump());
    } catch (const CaseError& e) {
        return e.what();
    }
    return "";
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::shared_ptr<const RuleBook> book() {
    static auto b = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    return b;
}

}  // namespace

TEST(Stamp, TimestampsWithTheirOffset) {
    // 2026-11-03: 56 years after 1970 with 14 leap days (1972..2024) = 20454
    // days, + 304 days of January to October + 2 = day 20760 since the epoch.
    auto t = parse_timestamp("2026-11-03T09:41:07Z");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->seconds, 20760LL * 86400 + 9 * 3600 + 41 * 60 + 7);
    EXPECT_EQ(t->nanos, 0);
    EXPECT_TRUE(*parse_timestamp("2026-11-03T10:41:07+01:00") == *t);
    EXPECT_TRUE(*parse_timestamp("2026-11-03T04:11:07-05:30") == *t);
    auto f = parse_timestamp("2026-11-03T09:41:07.5Z");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->nanos, 500000000);
    EXPECT_TRUE(*t < *f);
    EXPECT_EQ(parse_timestamp("2026-11-03T09:41:07.123456789Z")->nanos, 123456789);
    std::string why;
    for (const char* bad : {"2026-11-03T09:41:07", "2026-11-03 09:41:07Z", "2026-02-30T00:00:00Z",
                            "2026-11-03T24:00:00Z", "2026-11-03T09:60:00Z", "2026-11-03T09:41:07.Z",
                            "2026-11-03T09:41:07.1234567890Z", "2026-11-03T09:41:07+1:00", "2026-11-03T09:41:07+24:00",
                            "2026-11-03T09:41:07z", ""})
        EXPECT_FALSE(parse_timestamp(bad, &why)) << bad;
    const std::string now = now_timestamp();
    EXPECT_TRUE(parse_timestamp(now)) << now;
    EXPECT_EQ(now.size(), 24u);  // 2026-12-02T03:04:39.127Z
    EXPECT_FALSE(login_name().empty());
}

TEST(CaseFormat, RecordedReferencesAndNotes) {
    json j = base();
    j["references"] = {{"prosecutor_notice", "BR.12.L1.004521/26"}, {"oe_file", "9.876.543"}, {"centre_file", "PAG-17"}};
    j["notes"] = "interprète : tigrinya";
    j["events"][1]["recorded"] = {{"at", "2026-01-06T14:02:11.250+01:00"}, {"by", "j.peeters"}};
    Case c = parse_case(j.dump());
    ASSERT_TRUE(c.references);
    EXPECT_EQ(c.references->prosecutor_notice, "BR.12.L1.004521/26");
    EXPECT_EQ(c.references->oe_file, "9.876.543");
    EXPECT_EQ(c.references->centre_file, "PAG-17");
    EXPECT_EQ(*c.notes, "interprète : tigrinya");
    EXPECT_EQ(c.events[1].recorded_by, "j.peeters");
    EXPECT_EQ(c.events[1].recorded_at, "2026-01-06T14:02:11.250+01:00");
    EXPECT_EQ(c.events[0].recorded_at, "");
    // Each reference is optional; none at all is the file of before.
    j["references"] = json::object();
    j.erase("notes");
    Case d = parse_case(j.dump());
    EXPECT_TRUE(d.references && d.references->oe_file.empty());
    EXPECT_FALSE(d.notes);
    EXPECT_FALSE(c == d);
}

TEST(CaseFormat, TheAdditionsAreValidatedLikeTheRest) {
    auto with = [](const char* key, json v) {
        json j = base();
        j[key] = std::move(v);
        return error_of(j);
    };
    EXPECT_EQ(with("references", {{"parquet", "x"}}), "references.parquet: unknown field");
    EXPECT_EQ(with("references", {{"oe_file", ""}}), "references.oe_file: must not be empty");
    EXPECT_EQ(with("references", {{"oe_file", 12}}), "references.oe_file: must be a string, not an integer");
    EXPECT_EQ(with("references", "BR.12"), "references: must be an object, not a string");
    EXPECT_EQ(with("notes", 3), "notes: must be a string, not an integer");
    EXPECT_EQ(with("notes", ""), "");  // an empty note is a note
    auto stamped = [](json rec) {
        json j = base();
        j["events"][0]["recorded"] = std::move(rec);
        return error_of(j);
    };
    EXPECT_EQ(stamped({{"at", "2026-01-05T10:00:00Z"}}), "events[0].recorded.by: is required");
    EXPECT_EQ(stamped({{"by", "x"}}), "events[0].recorded.at: is required");
    EXPECT_EQ(stamped({{"at", "2026-01-05"}, {"by", "x"}}).rfind("events[0].recorded.at: is not an ISO 8601 timestamp", 0), 0u);
    EXPECT_EQ(stamped({{"at", "2026-01-05T10:00:00Z"}, {"by", ""}}), "events[0].recorded.by: must not be empty");
    EXPECT_EQ(stamped({{"at", "2026-01-05T10:00:00Z"}, {"by", "x"}, {"host", "y"}}), "events[0].recorded.host: unknown field");
    EXPECT_EQ(stamped("yesterday"), "events[0].recorded: must be an object, not a string");
}

class Journaled : public ::testing::Test {
protected:
    fs::path dir, path;
    void SetUp() override {
        dir = fs::temp_directory_path() / ("sejour61-journal-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        path = dir / "case.json";
        std::ofstream(path) << base().dump(2);
    }
    void TearDown() override { fs::remove_all(dir); }
    RecordResult change(ChangeKind k, size_t pos, const std::string& ev, const std::string& by) {
        Selection sel(book(), std::nullopt, {});
        return apply_change(path.string(), Change{k, pos, ev}, sel, RecordOptions{false, Date(2026, 12, 1), "en", by});
    }
    std::vector<json> lines() {
        std::vector<json> out;
        std::ifstream in(path.string() + ".journal");
        for (std::string l; std::getline(in, l);) out.push_back(json::parse(l));
        return out;
    }
};

TEST_F(Journaled, EachChangeIsALineWrittenBeforeTheCase) {
    const std::string first = slurp(path);
    change(ChangeKind::add, 0, R"({"date": "2026-02-01", "type": "cooperation", "form": "complaint"})", "a");
    change(ChangeKind::add, 0, R"({"date": "2026-01-20", "type": "identity_established"})", "b");
    // Event 4 (the cooperation, after the identity of 2026-01-20) becomes a statement.
    RecordResult r = change(ChangeKind::amend, 4, R"({"date": "2026-02-01", "type": "cooperation", "form": "statement"})", "c");
    EXPECT_EQ(r.line["position_before"], 4);
    EXPECT_EQ(r.line["position_after"], 4);
    r = change(ChangeKind::undo, 0, "", "d");  // the latest stamp: the amended cooperation
    EXPECT_EQ(r.line["position_before"], 4);
    auto l = lines();
    ASSERT_EQ(l.size(), 4u);
    EXPECT_EQ(l[0]["change"], "add");
    EXPECT_EQ(l[0]["position_after"], 3);
    EXPECT_EQ(l[1]["position_after"], 3);  // 2026-01-20 goes before the cooperation of 2026-02-01
    EXPECT_EQ(l[2]["before"]["form"], "complaint");
    EXPECT_EQ(l[2]["before"]["recorded"]["by"], "a");
    EXPECT_EQ(l[2]["after"]["form"], "statement");
    EXPECT_EQ(l[3]["change"], "undo");
    EXPECT_EQ(l[3]["before"], l[2]["after"]);
    EXPECT_TRUE(l[3]["after"].is_null());
    EXPECT_EQ(l[0]["case_before"], "sha256:" + sha256_hex(first));
    for (size_t i = 1; i < l.size(); ++i) EXPECT_EQ(l[i]["case_before"], l[i - 1]["case_after"]);
    EXPECT_EQ(l[3]["case_after"], "sha256:" + sha256_hex(slurp(path)));
    struct stat st {};
    ASSERT_EQ(::stat((path.string() + ".journal").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    Journal j = read_journal(path.string() + ".journal", slurp(path));
    ASSERT_EQ(j.entries.size(), 4u);
    for (const auto& e : j.entries) EXPECT_EQ(e.applied, std::optional<bool>(true));
    Case now = parse_case(slurp(path));
    ASSERT_EQ(now.events.size(), 3u);
    EXPECT_EQ(now.events[2].recorded_by, "b");
}

TEST_F(Journaled, WhatCannotBeDoneChangesNothing) {
    const std::string first = slurp(path);
    EXPECT_THROW(change(ChangeKind::undo, 0, "", "x"), CaseError);  // no event carries a stamp
    EXPECT_THROW(change(ChangeKind::amend, 3, R"({"date": "2026-01-07", "type": "identity_established"})", "x"),
                 CaseError);  // there is no event 3
    EXPECT_THROW(change(ChangeKind::add, 0,
                        R"({"date": "2026-01-07", "type": "identity_established",
                            "recorded": {"at": "2026-01-01T00:00:00Z", "by": "someone else"}})",
                        "x"),
                 InvalidEvent);  // the stamp is record's to write
    EXPECT_EQ(slurp(path), first);
    EXPECT_FALSE(fs::exists(path.string() + ".journal"));
}
