# SQLCipher is linked statically, and its symbols are kept out of every executable's
# dynamic symbol table. libsqlcipher and libsqlite3 export the same sqlite3_* names;
# linked dynamically, whichever loads first wins, and PRAGMA key is silently ignored when
# libsqlite3 wins: the database is then written in plaintext.

find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(Threads REQUIRED)

find_path(SQLCIPHER_INCLUDE_DIR sqlcipher/sqlite3.h REQUIRED)
find_library(SQLCIPHER_STATIC_LIBRARY NAMES libsqlcipher.a REQUIRED)

add_library(SQLCipher::SQLCipher STATIC IMPORTED)
set_target_properties(SQLCipher::SQLCipher PROPERTIES
    IMPORTED_LOCATION ${SQLCIPHER_STATIC_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${SQLCIPHER_INCLUDE_DIR}
    INTERFACE_COMPILE_DEFINITIONS SQLITE_HAS_CODEC
    INTERFACE_LINK_LIBRARIES "OpenSSL::Crypto;Threads::Threads;${CMAKE_DL_LIBS};m")

function(stockroom_hide_sqlcipher target)
    target_link_options(${target} PRIVATE -Wl,--exclude-libs,libsqlcipher.a)
endfunction()
