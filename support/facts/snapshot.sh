# The fact snapshot: a read-only POSIX sh script that prints framed sections about a Wazo host.
# Usage: sh -s -- NONCE ITEM...   ITEM is u:USER g:GROUP p:PATH w:USER:PATH s:UNIT k:PACKAGE o:DIR d:DAEMON.
# d:DAEMON (catalog draft) first looks the daemon up and adds the items its checks need to the lists above.
# It writes nothing, creates no temporary file and restarts nothing; every command is bounded by timeout.
# Frames: "@@WLA:NONCE:BEGIN:SECTION:KEY", body lines "|stdout" and "!stderr", "@@WLA:NONCE:END:SECTION:KEY:rc=N",
# and a last "@@WLA:NONCE:DONE". Every body line carries a prefix, so no command output can forge a frame.
set -u
set -f
LC_ALL=C
export LC_ALL
N=$1
shift
NL='
'
exec 5>&1
command -v awk >/dev/null 2>&1 || { echo 'snapshot: awk is missing on the host' >&2; exit 3; }
command -v stat >/dev/null 2>&1 || { echo 'snapshot: stat is missing on the host' >&2; exit 3; }
if command -v timeout >/dev/null 2>&1; then HAVE_TIMEOUT=1; else HAVE_TIMEOUT=0; fi

# bounded SECONDS COMMAND...: runs COMMAND, killed after SECONDS where coreutils timeout exists.
bounded() {
  _t=$1
  shift
  if [ "$HAVE_TIMEOUT" = 1 ]; then timeout -k 2 "$_t" "$@"; else "$@"; fi
}

# prefixed PREFIX TEXT: prints each line of TEXT after PREFIX, with shell builtins only (no fork).
prefixed() {
  _t=$2
  while :; do
    case $_t in
      *"$NL"*)
        printf '%s%s\n' "$1" "${_t%%"$NL"*}"
        _t=${_t#*"$NL"}
        ;;
      *)
        printf '%s%s\n' "$1" "$_t"
        break
        ;;
    esac
  done
}

# section NAME KEY COMMAND...: frames COMMAND's stdout and stderr lines and its exit status.
section() {
  _s=$1
  _k=$2
  shift 2
  printf '@@WLA:%s:BEGIN:%s:%s\n' "$N" "$_s" "$_k"
  _cap=$({
    _out=$("$@" 2>&3 3>&- 5>&- </dev/null)
    _rc=$?
    if [ -n "$_out" ]; then prefixed '|' "$_out" >&5; fi
    printf '\n%s' "$_rc"
  } 3>&1)
  _rc=${_cap##*"$NL"}
  _err=${_cap%"$NL"*}
  _err=${_err%"$NL"}
  if [ -n "$_err" ]; then prefixed '!' "$_err"; fi
  printf '@@WLA:%s:END:%s:%s:rc=%s\n' "$N" "$_s" "$_k" "$_rc"
}

# file_section NAME KEY FILE: frames a local text file read with builtins (no fork, nothing to hang on).
file_section() {
  printf '@@WLA:%s:BEGIN:%s:%s\n' "$N" "$1" "$2"
  if [ -r "$3" ]; then
    while IFS= read -r _l || [ -n "$_l" ]; do printf '|%s\n' "$_l"; done <"$3"
    printf '@@WLA:%s:END:%s:%s:rc=0\n' "$N" "$1" "$2"
  else
    printf '!cannot read %s\n@@WLA:%s:END:%s:%s:rc=1\n' "$3" "$N" "$1" "$2"
  fi
}

# pick PREFIX ARG...: the values of the ARGs "PREFIX:value", one a line.
pick() {
  _p=$1
  shift
  _r=
  for _a; do
    case $_a in "$_p":*) _r="$_r${_a#"$_p":}$NL" ;; esac
  done
  printf '%s' "$_r"
}

flag() { if "$@" >/dev/null 2>&1; then echo 1; else echo 0; fi; }

first_line() {
  _l=
  { IFS= read -r _l || [ -n "$_l" ]; } <"$1" 2>/dev/null && printf '%s' "$_l"
}

USERS=$(pick u "$@")
GROUP_NAMES=$(pick g "$@")
PATHS=$(pick p "$@")
WRITES=$(pick w "$@")
UNITS=$(pick s "$@")
PACKAGES=$(pick k "$@")
OWNED_DIRS=$(pick o "$@")
DRAFTS=$(pick d "$@")
# From here on unquoted lists split on newlines only (and set -f stops globbing).
IFS=$NL

MY_UID=$(id -u)
if [ "$MY_UID" != 0 ]; then
  WRITE_METHOD=mode-bits
elif command -v setpriv >/dev/null 2>&1; then
  WRITE_METHOD=setpriv
elif command -v runuser >/dev/null 2>&1; then
  WRITE_METHOD=runuser
else
  WRITE_METHOD=mode-bits
fi

meta() {
  echo "now=$(date +%s)"
  echo "uid=$MY_UID"
  echo "hostname=$(uname -n)"
  echo "boot_id=$(first_line /proc/sys/kernel/random/boot_id)"
  echo "pid1_started=$(bounded 10 stat -c %Y /proc/1)"
  echo "debian_version=$(first_line /etc/debian_version)"
  echo "write_method=$WRITE_METHOD"
  echo "shadow_readable=$(flag test -r /etc/shadow)"
  echo "monit_running=$(flag bounded 10 pgrep -x monit)"
  echo "wazo_disabled=$(flag test -e /var/lib/wazo/disabled)"
  echo "wazo_secondary=$(flag test -e /var/lib/wazo/is-secondary)"
  echo "consul_token_file=$(flag test -e /var/lib/consul/master_token)"
  echo "wazo_backup=$(flag test -f /usr/sbin/wazo-backup)"
}

shadow_masked() {
  # A password hash never leaves the host: only the lock prefix and '*' or '' survive.
  _sh=$(bounded 10 getent shadow "$@")
  _r=$?
  if [ -n "$_sh" ]; then
    printf '%s\n' "$_sh" | awk -F: 'BEGIN { OFS = ":" } {
      p = $2; l = ""
      while (substr(p, 1, 1) == "!") { l = l "!"; p = substr(p, 2) }
      if (p != "" && p != "*") p = "<hash>"
      $2 = l p; print
    }'
  fi
  return "$_r"
}

# stat_paths PATH...: one stat for every path ("S" lines, name last), then "L<TAB>PATH" and the target of each symlink.
stat_paths() {
  bounded 10 stat --printf 'S\t%F\t%U\t%G\t%u\t%g\t%a\t%s\t%n\n' -- "$@"
  _r=$?
  for _p; do
    if [ -L "$_p" ]; then
      printf 'L\t%s\n' "$_p"
      bounded 10 readlink -- "$_p"
    fi
  done
  return "$_r"
}

# can_write USER PATH...: "yes|no<TAB>PATH" for each path, asked as USER (its uid, gid and groups).
can_write() {
  _u=$1
  shift
  _code='for p; do if test -w "$p"; then printf "yes\t%s\n" "$p"; else printf "no\t%s\n" "$p"; fi; done'
  case $WRITE_METHOD in
    setpriv)
      _g=$(id -g -- "$_u") || return
      bounded 10 setpriv --reuid="$_u" --regid="$_g" --init-groups -- /bin/sh -c "$_code" sh "$@"
      ;;
    runuser) bounded 10 runuser -u "$_u" -- /bin/sh -c "$_code" sh "$@" ;;
  esac
}

# writes_of USER: the paths of the w:USER:PATH items, one a line.
writes_of() {
  for _w in $WRITES; do
    if [ "${_w%%:*}" = "$1" ]; then printf '%s\n' "${_w#*:}"; fi
  done
}

write_users() {
  _seen=$NL
  for _w in $WRITES; do
    case $_seen in *"$NL${_w%%:*}$NL"*) ;; *) _seen="$_seen${_w%%:*}$NL" ;; esac
  done
  printf '%s' "${_seen#"$NL"}"
}

main_processes() {
  _pids=$(bounded 10 systemctl show -p MainPID --value -- $UNITS) || return
  _list=
  for _p in $_pids; do
    case $_p in '' | 0) ;; *) _list="$_list,$_p" ;; esac
  done
  [ -n "$_list" ] || return 0
  _ps=$(bounded 10 ps -e -o pid= -o ppid= -o uid= -o gid= -o etimes= -o user:32= -o args=) || return
  # Only the main processes and their descendants leave the host: other command lines may hold secrets.
  printf '%s\n' "$_ps" | awk -v roots="${_list#,}" '
    BEGIN { n = split(roots, r, ","); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
    { pid[NR] = $1; parent[$1] = $2; line[NR] = $0 }
    END {
      for (i = 1; i <= NR; i++) {
        p = pid[i]
        for (hops = 0; hops < 64 && !(p in keep) && (p in parent); hops++) p = parent[p]
        if (p in keep) print line[i]
      }
    }'
}

# python_local: "D<TAB>DIR" for each /usr/local Python package directory, then "E<TAB>NAME" for its pip metadata.
python_local() {
  set +f
  _r=0
  for _d in /usr/local/lib/python3*/dist-packages /usr/local/lib/python3*/site-packages; do
    [ -d "$_d" ] || continue
    if [ ! -r "$_d" ] || [ ! -x "$_d" ]; then
      echo "cannot read $_d" >&2
      _r=1
      continue
    fi
    printf 'D\t%s\n' "$_d"
    for _e in "$_d"/*.dist-info "$_d"/*.egg-info; do
      [ -e "$_e" ] || continue
      case $_e in *"$NL"*) continue ;; esac
      printf 'E\t%s\n' "${_e##*/}"
    done
  done
  set -f
  return "$_r"
}

# dir_entries DIR: NAME<TAB>ok|dangling<TAB>SYMLINK-TARGET for each entry of DIR.
dir_entries() {
  [ -d "$1" ] || { echo "no directory $1" >&2; return 2; }
  set +f
  for _f in "$1"/* "$1"/.[!.]*; do
    [ -e "$_f" ] || [ -L "$_f" ] || continue
    case $_f in *"$NL"*) continue ;; esac
    if [ -e "$_f" ]; then _state=ok; else _state=dangling; fi
    _target=
    if [ -L "$_f" ]; then _target=$(readlink -- "$_f"); fi
    printf '%s\t%s\t%s\n' "${_f##*/}" "$_state" "$_target"
  done
}

# owned_entries DIR...: "D<TAB>DIR" per existing DIR, "F<TAB>PATH" per direct entry that is not a directory, then
# one dpkg-query -S for all of them ("PKG[, PKG]: PATH"; unowned paths only print "no path found" on stderr, exit 1),
# then "P<TAB>PKG<TAB>STATUS" per owning package (one dpkg-query -W): a removed package's conffile is a leftover too.
owned_entries() {
  _list=
  _r=0
  for _d; do
    [ -d "$_d" ] || continue
    if [ ! -r "$_d" ] || [ ! -x "$_d" ]; then
      echo "cannot read $_d" >&2
      _r=3
      continue
    fi
    printf 'D\t%s\n' "$_d"
    set +f
    for _f in "${_d%/}"/* "${_d%/}"/.[!.]* "${_d%/}"/..?*; do
      [ -e "$_f" ] || [ -L "$_f" ] || continue
      if [ -d "$_f" ] && [ ! -L "$_f" ]; then continue; fi
      case $_f in *"$NL"*) continue ;; esac
      printf 'F\t%s\n' "$_f"
      _list="$_list$_f$NL"
    done
    set -f
  done
  [ -n "$_list" ] || return "$_r"
  _owned=$(bounded 10 dpkg-query -S -- $_list)
  _s=$?
  [ "$_s" -le 1 ] || return "$_s"
  [ -z "$_owned" ] || printf '%s\n' "$_owned"
  _owners=$(printf '%s\n' "$_owned" | awk -F': ' '
    /^diversion by / || NF < 2 { next }
    { n = split($1, p, ", "); for (i = 1; i <= n; i++) if (!(p[i] in seen)) { seen[p[i]] = 1; print p[i] } }')
  if [ -n "$_owners" ]; then
    bounded 10 dpkg-query -W -f='P\t${binary:Package}\t${db:Status-Abbrev}\n' -- $_owners || return 4
  fi
  if [ "$_r" != 0 ]; then return "$_r"; fi
  return "$_s"
}

# add_item ITEM: appends an item found by draft_facts to its list (VAR names are constants, values stay data).
add_item() {
  case $1 in
    u:*) _v=USERS ;;
    g:*) _v=GROUP_NAMES ;;
    p:*) _v=PATHS ;;
    w:*) _v=WRITES ;;
    s:*) _v=UNITS ;;
    k:*) _v=PACKAGES ;;
    o:*) _v=OWNED_DIRS ;;
    *) return 0 ;;
  esac
  eval "_cur=\$$_v"
  case "$NL$_cur$NL" in *"$NL${1#?:}$NL"*) return 0 ;; esac
  eval "$_v=\${_cur:+\$_cur\$NL}\${1#?:}"
}

# draft_facts NAME: what a catalog entry for the daemon NAME needs that no plan can name in advance: "S<TAB>KEY=VALUE"
# (its unit), "C<TAB>LINE" (Condition/Assert lines of its unit files), "U<TAB>USER<TAB>unit|process", "G<TAB>GROUPS",
# "K<TAB>PACKAGE" (owner of the unit file), "F<TAB>PATH" (files its processes hold open), "L<TAB>PATH" (log files
# named after it), "R<TAB>PATH" (PID files under /run named after it), then "I<TAB>ITEM" for each item it adds.
draft_facts() {
  _n=$1
  _show=$(bounded 10 systemctl show --no-pager -p Id,LoadState,FragmentPath,DropInPaths,User,Group,PIDFile \
    -p Restart,MainPID,UnitFileState,ActiveState -- "$_n.service") || return
  prefixed 'S	' "$_show"
  _frag= _drop= _user= _grp= _pidf= _main=0 _from=unit
  for _l in $_show; do
    case $_l in
      FragmentPath=*) _frag=${_l#*=} ;;
      DropInPaths=*) _drop=${_l#*=} ;;
      User=*) _user=${_l#*=} ;;
      Group=*) _grp=${_l#*=} ;;
      PIDFile=*) _pidf=${_l#*=} ;;
      MainPID=*) _main=${_l#*=} ;;
    esac
  done
  if [ -n "$_frag" ]; then
    _files=$(printf '%s\n%s' "$_frag" "$_drop" | tr ' ' '\n')
    bounded 10 grep -h -E '^[[:space:]]*(Condition|Assert)[A-Za-z]+=' -- $_files 2>/dev/null |
      awk '{ sub(/^[ \t]+/, ""); print "C\t" $0 }'
    _owner=$(bounded 10 dpkg-query -S -- "$_frag" 2>/dev/null)
    case $_frag in
      /lib/*) _alt=/usr$_frag ;;
      /usr/lib/*) _alt=${_frag#/usr} ;;
      *) _alt= ;;
    esac
    if [ -z "$_owner" ] && [ -n "$_alt" ]; then _owner=$(bounded 10 dpkg-query -S -- "$_alt" 2>/dev/null); fi
    _pkgs=$(printf '%s\n' "$_owner" | awk -F': ' '$2 != "" && !/^diversion by / { n = split($1, p, ", "); for (i = 1; i <= n; i++) print p[i] }')
  else
    _pkgs=
  fi
  for _k in $_pkgs; do printf 'K\t%s\n' "$_k"; done
  _pids=
  if [ "$_main" != 0 ] && [ -n "$_main" ]; then
    _pids=$(bounded 10 ps -e -o pid= -o ppid= | awk -v root="$_main" '
      { parent[$1] = $2; order[NR] = $1 }
      END {
        for (i = 1; i <= NR; i++) {
          p = order[i]
          for (hops = 0; hops < 64 && p != root && (p in parent); hops++) p = parent[p]
          if (p == root) print order[i]
        }
      }')
    if [ -z "$_user" ]; then
      _user=$(bounded 10 ps -o user:32= -p "$_main" | awk '{ print $1 }')
      _from=process
    fi
  fi
  if [ -n "$_user" ]; then
    printf 'U\t%s\t%s\n' "$_user" "$_from"
    [ -n "$_grp" ] || _grp=$(id -gn -- "$_user" 2>/dev/null)
    printf 'G\t%s\n' "$(id -Gn -- "$_user" 2>/dev/null)"
  fi
  _open=
  if [ -n "$_pids" ]; then
    _fds=
    for _p in $_pids; do _fds="$_fds/proc/$_p/fd$NL"; done
    _open=$(bounded 10 find $_fds -mindepth 1 -maxdepth 1 -printf '%l\n' 2>/dev/null |
      awk '/^\// && !/^\/(dev|proc|sys)\// && !/ \(deleted\)$/ && !seen[$0]++')
  fi
  for _f in $_open; do printf 'F\t%s\n' "$_f"; done
  set +f
  for _f in /var/log/"$_n".log /var/log/"$_n"-*.log /var/log/"$_n"/*.log; do
    [ -f "$_f" ] && printf 'L\t%s\n' "$_f"
  done
  for _f in /run/"$_n"/*.pid /run/"$_n".pid; do
    [ -f "$_f" ] && printf 'R\t%s\n' "$_f"
  done
  set -f
  printf 'I\ts:%s.service\n' "$_n"
  for _k in ${_pkgs:-$_n}; do printf 'I\tk:%s\n' "$_k"; done
  printf 'I\tp:/etc/%s/\nI\tp:/etc/%s/config.yml\nI\tp:/etc/%s/conf.d/\nI\to:/etc/%s/\n' "$_n" "$_n" "$_n" "$_n"
  [ -n "$_user" ] || return 0
  printf 'I\tu:%s\nI\tp:/home/%s\n' "$_user" "$_user"
  [ -z "$_grp" ] || printf 'I\tg:%s\n' "$_grp"
  _home=$(bounded 10 getent passwd "$_user" | awk -F: '{ print $6 }')
  [ -z "$_home" ] || printf 'I\tp:%s\n' "$_home"
  set +f
  _writable=$(
    {
      for _f in /var/log/"$_n".log /var/log/"$_n"-*.log /var/log/"$_n"/*.log /run/"$_n"/*.pid /run/"$_n".pid; do
        [ -f "$_f" ] && printf '%s\n' "$_f"
      done
      [ -z "$_pidf" ] || printf '%s\n' "$_pidf"
      for _f in $_open; do
        case $_f in /var/log/*) printf '%s\n' "$_f" ;; esac
      done
    } | awk '!seen[$0]++'
  )
  set -f
  for _f in $_writable; do
    printf 'I\tp:%s\nI\tw:%s:%s\n' "$_f" "$_user" "$_f"
    case $_f in /run/*) printf 'I\tp:%s\nI\tw:%s:%s\n' "${_f%/*}" "$_user" "${_f%/*}" ;; esac
  done
}

draft_sections() {
  for _d in $DRAFTS; do
    _framed=$(
      exec 5>&1
      section draft "$_d" draft_facts "$_d"
    )
    printf '%s\n' "$_framed"
    for _l in $_framed; do
      case $_l in "|I	"*) add_item "${_l#"|I	"}" ;; esac
    done
  done
}

nginx_files() {
  set +f
  for _f in /etc/nginx/locations/https-available/*; do
    [ -f "$_f" ] || continue
    case $_f in *"$NL"*) continue ;; esac
    file_section nginx-available "${_f##*/}" "$_f"
  done
  set -f
}

host_sections() {
  section meta - meta
  if [ -n "$USERS" ]; then
    section passwd - bounded 10 getent passwd $USERS
    section shadow - shadow_masked $USERS
    if [ "$WRITE_METHOD" = mode-bits ]; then
      for _u in $USERS; do section user-groups "$_u" bounded 10 id -G -- "$_u"; done
    fi
  fi
  section group - bounded 10 getent group $GROUP_NAMES consul
  if [ -n "$PATHS" ]; then section stat - stat_paths $PATHS; fi
  if [ "$WRITE_METHOD" != mode-bits ]; then
    for _u in $(write_users); do section write "$_u" can_write "$_u" $(writes_of "$_u"); done
  fi
  if [ -n "$UNITS" ]; then
    section units - bounded 10 systemctl show --no-pager \
      -p Id,LoadState,FragmentPath,DropInPaths,UnitFileState,WantedBy,User,Group,ActiveState,SubState,Result \
      -p MainPID,ExecMainStartTimestamp,ExecMainStartTimestampMonotonic,ActiveEnterTimestamp \
      -p ActiveEnterTimestampMonotonic,NRestarts,Restart,ConditionResult -- $UNITS
    section processes - main_processes
  fi
  section unit-files wazo bounded 10 systemctl list-unit-files --no-legend --no-pager --type=service 'wazo-*'
  section sockets inet bounded 10 ss -Hltnup
  section sockets unix bounded 10 ss -Hlxp
  _fmt='${Package}\t${Version}\t${Architecture}\t${db:Status-Abbrev}\t${Status}\n'
  if [ -n "$PACKAGES" ]; then section dpkg plan bounded 10 dpkg-query -W -f="$_fmt" -- $PACKAGES; fi
  section dpkg wazo bounded 10 dpkg-query -W -f="$_fmt" -- 'wazo-*'
  section home - dir_entries /home
  section python-local - python_local
  if [ -n "$OWNED_DIRS" ]; then section config-ownership - owned_entries $OWNED_DIRS; fi
  nginx_files
  section nginx-enabled - dir_entries /etc/nginx/locations/https-enabled
  if [ -f /usr/sbin/wazo-backup ]; then file_section file /usr/sbin/wazo-backup /usr/sbin/wazo-backup; fi
}

# The daemons' own status commands are the slow part: they run while host_sections prints, and their
# framed output, held in a variable, follows once host_sections is done - so frames never interleave.
daemon_sections() {
  section monit status bounded 10 monit status
  section wazo-service status bounded 30 wazo-service status
}

if [ -n "$DRAFTS" ]; then draft_sections; fi
host_sections &
_host_job=$!
_daemons=$(
  exec 5>&1
  daemon_sections
)
wait "$_host_job"
printf '%s\n' "$_daemons"
printf '@@WLA:%s:DONE\n' "$N"
