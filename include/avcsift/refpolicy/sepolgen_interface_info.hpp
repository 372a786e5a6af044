#pragma once
/// Reads the interface information file sepolgen-ifgen writes (audit2allow's
/// --interface-info, /var/lib/sepolgen/interface_info), for example:
///
///   [InterfaceVector files_read_etc_files $1:source ]
///   $1,etc_t,dir,getattr,ioctl,lock,open,read,search
///   $1,etc_t,file,getattr,ioctl,lock,open,read
///
/// so `allow -R` can choose among exactly the interfaces audit2allow sees.
#include <istream>
#include <string>

#include "avcsift/refpolicy/interface_database.hpp"

namespace avcsift::refpolicy {

/// Parses sepolgen-ifgen output; throws avcsift::Error naming `origin` and
/// the line when it is not in that format.
[[nodiscard]] InterfaceDatabase read_sepolgen_interface_info(std::istream& in, const std::string& origin);

}  // namespace avcsift::refpolicy
