#include "option_parsing.hpp"

#include "avcsift/model/error.hpp"

namespace avcsift::cli {

namespace po = boost::program_options;

po::variables_map parse_command_line(const std::vector<std::string>& args,
                                     const po::options_description& described,
                                     std::vector<std::string>& positional) {
  po::options_description all;
  all.add(described);
  all.add_options()("positional-input", po::value(&positional));
  po::positional_options_description bare;
  bare.add("positional-input", -1);
  po::variables_map map;
  try {
    po::store(po::command_line_parser(args).options(all).positional(bare).run(), map);
    po::notify(map);
  } catch (const po::error& error) {
    throw Error(error.what(), ExitStatus::Usage);
  }
  return map;
}

bool wants_json(const std::string& format) {
  if (format != "text" && format != "json") {
    throw Error("unknown format '" + format + "' (use text or json)", ExitStatus::Usage);
  }
  return format == "json";
}

}  // namespace avcsift::cli
