// `avcsift report --format html` in a real browser: Debian's chromium,
// headless, builds the DOM (after the report's own script ran under its
// Content-Security-Policy) and takes a screenshot, kept in
// AVCSIFT_BROWSER_ARTIFACTS (build/tests/browser/artifacts/).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "run_avcsift.hpp"
#include "skip_test.hpp"

namespace fs = std::filesystem;
using avcsift::test::read_file;
using avcsift::test::run_avcsift;
using avcsift::test::run_command;
using avcsift::test::TempDir;
using avcsift::test::testdata;

namespace {

const char* const kChromium = "/usr/bin/chromium";

void need_chromium() {
  if (!fs::exists(kChromium)) avcsift::test::skip_test("chromium is not installed (apt-get install chromium)");
}

/// Runs headless chromium on `page` with `extra` arguments; returns stdout.
std::string chromium(const fs::path& page, const std::vector<std::string>& extra) {
  TempDir profile;
  std::vector<std::string> args{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                "--user-data-dir=" + profile.path().string()};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("file://" + page.string());
  const auto run = run_command(kChromium, args);
  INFO(run.err);
  REQUIRE(run.status == 0);
  return run.out;
}

std::string dump_dom(const fs::path& page) { return chromium(page, {"--dump-dom"}); }

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

/// Element and attribute names of a serialized DOM. Text and attribute
/// values are serialized with `<` and `"` as entities, so every `<name`
/// left is an element; the contents of <script> and <style> are ours.
void names_in(std::string dom, std::set<std::string>& tags, std::set<std::string>& attributes) {
  dom = std::regex_replace(dom, std::regex(R"(<(script|style)>[^<]*</\1>)"), "<$1>");
  static const std::regex tag(R"(<([A-Za-z][^\s/>]*)([^>]*)>)");
  static const std::regex quoted("\"[^\"]*\"");
  static const std::regex attribute(R"(([^\s=/]+))");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), tag); it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1];
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    tags.insert(name);
    std::string rest = std::regex_replace((*it)[2].str(), quoted, "");
    std::replace(rest.begin(), rest.end(), '=', ' ');
    for (auto a = std::sregex_iterator(rest.begin(), rest.end(), attribute); a != std::sregex_iterator(); ++a) {
      std::string attr = (*a)[1];
      for (char& c : attr) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      attributes.insert(attr);
    }
  }
}

/// Writes the HTML report of `logs` into `page` (and checks it succeeded).
void write_report(const fs::path& page, const std::vector<std::string>& logs, bool policy) {
  std::vector<std::string> args{"report", "--format", "html", "-q", "--force", "-o", page.string()};
  if (policy) {
    args.insert(args.end(), {"-p", AVCSIFT_TEST_POLICY, "--app-root", "/usr/local/Plone"});
  } else {
    args.emplace_back("--no-policy");
  }
  for (const auto& log : logs) args.push_back(testdata("audit-logs/" + log).string());
  const auto result = run_avcsift(args);
  INFO(result.err);
  REQUIRE(result.status == 0);
}

}  // namespace

TEST_CASE("chromium renders the HTML report with its findings, severities, timeline and cycles") {
  need_chromium();
  fs::create_directories(AVCSIFT_BROWSER_ARTIFACTS);
  const fs::path page = fs::path(AVCSIFT_BROWSER_ARTIFACTS) / "report-plone.html";
  const std::vector<std::string> logs{"plone-cycle-1.log", "plone-cycle-2.log", "plone-cycle-3.log"};
  write_report(page, logs, true);
  std::vector<std::string> json_args{"report", "--format", "json", "-q", "-p", AVCSIFT_TEST_POLICY,
                                     "--app-root", "/usr/local/Plone"};
  for (const auto& log : logs) json_args.push_back(testdata("audit-logs/" + log).string());
  const auto json = nlohmann::json::parse(run_avcsift(json_args).out);
  std::map<std::string, std::size_t> severities;
  for (const auto& finding : json["findings"]) {
    ++severities[finding["severity"].is_null() ? "info" : finding["severity"].get<std::string>()];
  }

  const std::string dom = dump_dom(page);
  CHECK(count(dom, "<article class=\"finding ") == json["findings"].size());
  CHECK(json["findings"].size() == 20);
  for (const auto& [severity, n] : severities) {
    INFO(severity);
    CHECK(count(dom, "<article class=\"finding " + severity + "\"") == n);
    CHECK(count(dom, "<section class=\"group\" id=\"sev-" + severity + "\">") == 1);
  }
  CHECK(severities["high"] == 3);
  CHECK(count(dom, "<rect class=\"bar\"") >= 3);
  CHECK(count(dom, "<line class=\"load\"") == json["timeline"]["policy_loads"].size());
  CHECK(count(dom, "<line class=\"cycle\"") == json["timeline"]["cycles"].size() - 1);
  // One row per cycle in the table, plus the header.
  CHECK(count(dom, "<td class=\"num\">") >= 5 * json["timeline"]["cycles"].size());
  // The report's script ran (its CSP hash matches): it added the filter bar.
  CHECK(count(dom, "id=\"filters\"") == 1);
  CHECK(dom.find("20 shown") != std::string::npos);
  CHECK(dom.find("allow plone_t etc_t:file { getattr read write };") != std::string::npos);

  const fs::path shot = fs::path(AVCSIFT_BROWSER_ARTIFACTS) / "report-plone.png";
  fs::remove(shot);
  chromium(page, {"--screenshot=" + shot.string(), "--window-size=1200,1800", "--hide-scrollbars"});
  REQUIRE(fs::exists(shot));
  CHECK(read_file(shot).substr(0, 8) == "\x89PNG\r\n\x1a\n");
  CHECK(fs::file_size(shot) > 20000);
}

TEST_CASE("no element or attribute from a hostile log reaches the HTML report's DOM") {
  need_chromium();
  const std::set<std::string> allowed_tags{
      "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "dl", "dt", "dd",
      "div", "span", "small", "figure", "svg", "line", "text", "g", "rect", "figcaption", "i", "br",
      "details", "summary", "table", "tbody", "tr", "th", "td", "article", "section", "ul", "li", "ol",
      "pre", "code", "script", "label", "input"};
  const std::set<std::string> allowed_attributes{
      "lang", "charset", "http-equiv", "content", "name", "class", "id", "xmlns", "viewbox", "role",
      "aria-label", "x1", "y1", "x2", "y2", "x", "y", "text-anchor", "width", "height", "fill", "style",
      "data-severity", "type", "placeholder", "hidden"};
  TempDir dir;
  std::string markup_dom;
  for (const std::string log : {"markup.log", "injection.log", "bad-names.log", "broken.log", "nodes.log"}) {
    INFO(log);
    const fs::path page = dir.path() / (log + ".html");
    write_report(page, {"hostile/" + log}, false);
    const std::string dom = dump_dom(page);
    std::set<std::string> tags, attributes;
    names_in(dom, tags, attributes);
    for (const auto& tag : tags) {
      INFO("element <" << tag << ">");
      CHECK(allowed_tags.contains(tag));
    }
    for (const auto& attribute : attributes) {
      INFO("attribute " << attribute);
      CHECK(allowed_attributes.contains(attribute));
    }
    CHECK(count(dom, "<script>") == 1);
    CHECK(count(dom, "id=\"filters\"") == 1);
    if (log == "markup.log") markup_dom = dom;
  }
  // The markup is there, as text.
  const std::string& dom = markup_dom;
  CHECK(dom.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(dom.find("/tmp/'&gt;&lt;svg onload=alert(3)&gt;") != std::string::npos);
  CHECK(dom.find("/home/&lt;b onmouseover=alert(5)&gt;x") != std::string::npos);
}

TEST_CASE("chromium renders the baseline marks, the gone findings and the ignored ones") {
  need_chromium();
  fs::create_directories(AVCSIFT_BROWSER_ARTIFACTS);
  TempDir dir;
  const auto base = (dir.path() / "baseline.json").string();
  const std::vector<std::string> policy{"-q", "-p", AVCSIFT_TEST_POLICY, "--app-root", "/usr/local/Plone"};
  auto args = std::vector<std::string>{"report", "--format", "json", "-o", base};
  args.insert(args.end(), policy.begin(), policy.end());
  for (const char* log : {"plone-cycle-1.log", "plone-cycle-2.log"}) {
    args.push_back(testdata("audit-logs/" + std::string(log)).string());
  }
  REQUIRE(run_avcsift(args).status == 0);
  // Python reading /proc is accepted; everything else is reviewed.
  const auto ignore = dir.write("accepted.ignore", "plone_t proc_t file * # python reads its own /proc\n");

  std::vector<std::string> current{"--baseline", base, "--ignore", ignore.string()};
  current.insert(current.end(), policy.begin(), policy.end());
  for (const char* log : {"plone-cycle-2.log", "plone-cycle-3.log"}) {
    current.push_back(testdata("audit-logs/" + std::string(log)).string());
  }
  auto json_args = std::vector<std::string>{"report", "--format", "json"};
  json_args.insert(json_args.end(), current.begin(), current.end());
  const auto json = nlohmann::json::parse(run_avcsift(json_args).out);
  const fs::path page = fs::path(AVCSIFT_BROWSER_ARTIFACTS) / "report-baseline.html";
  auto html_args = std::vector<std::string>{"report", "--format", "html", "--force", "-o", page.string()};
  html_args.insert(html_args.end(), current.begin(), current.end());
  const auto written = run_avcsift(html_args);
  INFO(written.err);
  REQUIRE(written.status == 0);

  const std::string dom = dump_dom(page);
  const std::size_t fresh = json["summary"]["baseline"]["new"];
  const std::size_t seen = json["summary"]["baseline"]["seen"];
  CHECK(fresh > 0);
  CHECK(seen > 0);
  CHECK(count(dom, "<span class=\"mark-new\"") == fresh);
  CHECK(count(dom, "<span class=\"mark-seen\"") == seen);
  CHECK(count(dom, "data-baseline=\"new\"") == fresh);
  CHECK(count(dom, "<table id=\"gone\">") == (json["gone"].empty() ? 0 : 1));
  CHECK(count(dom, "<tr class=\"ignored\">") == json["ignored"].size());
  CHECK(!json["ignored"].empty());
  CHECK(dom.find(ignore.string() + ":1 (python reads its own /proc)") != std::string::npos);
  CHECK(count(dom, "id=\"filters\"") == 1);

  const fs::path shot = fs::path(AVCSIFT_BROWSER_ARTIFACTS) / "report-baseline.png";
  fs::remove(shot);
  chromium(page, {"--screenshot=" + shot.string(), "--window-size=1200,1800", "--hide-scrollbars"});
  CHECK(fs::exists(shot));
}
