// BooleanDescriptions: <bool> and <tunable> descriptions from policy.xml text.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "avcsift/explain/boolean_descriptions.hpp"

using avcsift::explain::BooleanDescriptions;

namespace {

// Shaped like Debian's /usr/share/selinux/devel/policy.xml.
const std::string kPolicyXml = R"(<?xml version="1.0" encoding="ISO-8859-1" standalone="no"?>
<policy>
<layer name="contrib">
<module name="ftp" filename="policy/modules/contrib/ftp.te">
<summary>File transfer protocol service.</summary>
<tunable name="allow_ftpd_full_access" dftval="false">
<desc>
<p>
Determine whether ftpd can login to
local users and can read and write
all files on the system, governed by DAC.
</p>
</desc>
</tunable>
</module>
<module name="httpd" filename="policy/modules/contrib/apache.te">
<bool name="httpd_enable_cgi" dftval="true">
<desc>
<p>
Determine whether httpd can use
	support for CGI.
</p>
</desc>
</bool>
</module>
</layer>
<bool name="secure_mode" dftval="false">
<desc>
<p>
Enabling secure mode disallows
programs, such as newrole, from
transitioning to administrative
user domains.
</p>
</desc>
</bool>
</policy>
)";

}  // namespace

TEST_CASE("a bool's description is its text folded to one line") {
  const auto descriptions = BooleanDescriptions::parse(kPolicyXml);
  CHECK(descriptions.describe("httpd_enable_cgi") == "Determine whether httpd can use support for CGI.");
  CHECK(descriptions.describe("secure_mode") ==
        "Enabling secure mode disallows programs, such as newrole, from transitioning to "
        "administrative user domains.");
}

TEST_CASE("a tunable's description is read like a bool's") {
  const auto descriptions = BooleanDescriptions::parse(kPolicyXml);
  CHECK(descriptions.describe("allow_ftpd_full_access") ==
        "Determine whether ftpd can login to local users and can read and write all files on "
        "the system, governed by DAC.");
  CHECK(descriptions.size() == 3);
}

TEST_CASE("an unknown boolean has an empty description") {
  const auto descriptions = BooleanDescriptions::parse(kPolicyXml);
  CHECK(descriptions.describe("ploneZEO").empty());
  CHECK(descriptions.describe("").empty());
}

TEST_CASE("several paragraphs of a description are joined with a space") {
  const auto descriptions = BooleanDescriptions::parse(
      "<bool name=\"two_paras\" dftval=\"false\">\n<desc>\n<p>\nFirst part.\n</p>\n<p>\nSecond part.\n"
      "</p>\n</desc>\n</bool>\n");
  CHECK(descriptions.describe("two_paras") == "First part. Second part.");
}

TEST_CASE("a bool without a description is left out") {
  const auto descriptions = BooleanDescriptions::parse(
      "<bool name=\"bare\" dftval=\"false\"></bool>\n");
  CHECK(descriptions.size() == 0);
  CHECK(descriptions.describe("bare").empty());
}

TEST_CASE("a bool without a description does not take the next one's") {
  const auto descriptions = BooleanDescriptions::parse(
      "<bool name=\"bare\" dftval=\"false\"></bool>\n"
      "<bool name=\"described\" dftval=\"false\">\n<desc>\n<p>\nIts own text.\n</p>\n</desc>\n</bool>\n"
      "<tunable name=\"bare_tunable\" dftval=\"false\"/>\n"
      "<tunable name=\"described_tunable\" dftval=\"false\"><desc><p>Tunable text.</p></desc></tunable>\n");
  CHECK(descriptions.describe("bare").empty());
  CHECK(descriptions.describe("described") == "Its own text.");
  CHECK(descriptions.describe("bare_tunable").empty());
  CHECK(descriptions.describe("described_tunable") == "Tunable text.");
  CHECK(descriptions.size() == 2);
}

TEST_CASE("a missing policy.xml gives an empty table") {
  const auto descriptions = BooleanDescriptions::load("/nonexistent/policy.xml");
  CHECK(descriptions.size() == 0);
  CHECK(descriptions.describe("httpd_enable_cgi").empty());
}

TEST_CASE("load reads the descriptions from a file") {
  const auto path = std::filesystem::temp_directory_path() /
                    ("avcsift-boolean-descriptions-" + std::to_string(::getpid()) + ".xml");
  std::ofstream(path) << kPolicyXml;
  const auto descriptions = BooleanDescriptions::load(path.string());
  std::filesystem::remove(path);
  CHECK(descriptions.size() == 3);
  CHECK(descriptions.describe("httpd_enable_cgi") == "Determine whether httpd can use support for CGI.");
}

TEST_CASE("load reads a gzip-compressed policy.xml as Fedora ships it") {
  const auto path = std::filesystem::temp_directory_path() /
                    ("avcsift-boolean-descriptions-gz-" + std::to_string(::getpid()) + ".xml");
  gzFile file = gzopen(path.c_str(), "wb");
  REQUIRE(file != nullptr);
  REQUIRE(gzwrite(file, kPolicyXml.data(), static_cast<unsigned>(kPolicyXml.size())) ==
          static_cast<int>(kPolicyXml.size()));
  gzclose(file);
  // Really compressed: gzip's magic bytes, not the XML text.
  std::ifstream raw(path, std::ios::binary);
  std::string magic(2, '\0');
  raw.read(magic.data(), 2);
  CHECK(magic == "\x1f\x8b");
  const auto descriptions = BooleanDescriptions::load(path.string());
  std::filesystem::remove(path);
  CHECK(descriptions.size() == 3);
  CHECK(descriptions.describe("secure_mode").starts_with("Enabling secure mode disallows programs"));
}

TEST_CASE("a truncated gzip policy.xml gives no descriptions rather than half a description") {
  const auto path = std::filesystem::temp_directory_path() /
                    ("avcsift-boolean-descriptions-cut-" + std::to_string(::getpid()) + ".xml");
  gzFile file = gzopen(path.c_str(), "wb");
  REQUIRE(file != nullptr);
  gzwrite(file, kPolicyXml.data(), static_cast<unsigned>(kPolicyXml.size()));
  gzclose(file);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  const auto descriptions = BooleanDescriptions::load(path.string());
  std::filesystem::remove(path);
  CHECK(descriptions.describe("secure_mode").empty());
}
