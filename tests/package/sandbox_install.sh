#!/bin/sh
# Installs, reinstalls, removes and purges a csc-kiosk .deb for real, maintainer scripts and
# all, in a throwaway copy of this machine's root: an overlay of / whose writes go to a
# tmpfs, in a private mount namespace, entered with chroot. Nothing reaches the real root;
# the mounts go with the namespace when this script ends.
#
#   unshare --mount --propagation private sh sandbox_install.sh PACKAGE.deb SCRATCH_DIR
#
# Prints one `phase.key: value` line per fact install.tests.cpp checks.
set -eu

deb=$1
base=$2
mount -t tmpfs tmpfs "$base"
mkdir "$base/upper" "$base/work" "$base/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$base/upper,workdir=$base/work" "$base/root"
root=$base/root
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
# Read-only: `udevadm test` below would write a rule's ATTR assignments to sysfs.
mount --bind /sys "$root/sys"
mount -o remount,bind,ro "$root/sys"

in_root() { chroot "$root" "$@"; }

# A machine that never had the package, whatever this one has.
in_root dpkg --purge csc-kiosk >/dev/null 2>&1 || true
in_root userdel csc-kiosk >/dev/null 2>&1 || true
for group in csc-kiosk csc-kiosk-devices csc-kiosk-operators; do
  in_root groupdel "$group" >/dev/null 2>&1 || true
done
rm -rf "$root/var/lib/csc-kiosk" "$root/var/log/csc-kiosk" "$root/run/reboot-required"
cp "$deb" "$root/tmp/csc-kiosk.deb"

facts() {
  phase=$1
  echo "$phase.user: $(in_root getent passwd csc-kiosk | cut -d: -f1,6,7)"
  echo "$phase.user_groups: $(in_root id -nG csc-kiosk 2>/dev/null | tr ' ' '\n' | sort | tr '\n' ' ')"
  echo "$phase.operators: $(in_root getent group csc-kiosk-operators | cut -d: -f1)"
  echo "$phase.state_dir: $(in_root stat -c '%a %U %G' /var/lib/csc-kiosk 2>/dev/null || echo missing)"
  echo "$phase.log_dir: $(in_root stat -c '%a %U %G' /var/log/csc-kiosk 2>/dev/null || echo missing)"
  config=$root/etc/csc-kiosk/config.json
  echo "$phase.config: $(if [ -f "$config" ]; then tr -d '\n ' <"$config"; else echo missing; fi)"
  echo "$phase.program: $(test -x "$root/usr/bin/csc-kiosk" && echo present || echo missing)"
  echo "$phase.enabled: $(test -L "$root/etc/systemd/system/graphical.target.wants/csc-kiosk.service" && echo yes || echo no)"
  echo "$phase.reboot_required: $(grep -x csc-kiosk "$root/run/reboot-required.pkgs" 2>/dev/null || echo no)"
  echo "$phase.accounts: $(in_root getent passwd | grep -c csc-kiosk) $(in_root getent group | grep -c csc-kiosk)"
}

run() {
  phase=$1
  shift
  status=0
  in_root "$@" >"$base/$phase.log" 2>&1 || status=$?
  echo "$phase.status: $status"
  [ "$status" -eq 0 ] || sed "s/^/$phase.log: /" "$base/$phase.log"
  facts "$phase"
}

run install dpkg -i /tmp/csc-kiosk.deb
# udev's own parser reads every rules file before it tests a device: what it says about the
# installed rules, now that their group exists (the event itself, /dev/null's, matches none).
# The control: a rules file with an unknown key, which udev must complain about.
echo 'SUBSYSTEM=="usb", NOSUCHKEY=="1", GROUP="csc-kiosk-devices"' >"$root/etc/udev/rules.d/99-probe.rules"
udev_says=$(in_root udevadm test /sys/devices/virtual/mem/null 2>&1 || true)
rm "$root/etc/udev/rules.d/99-probe.rules"
echo "install.udev_complaints: $(echo "$udev_says" | grep '70-csc-kiosk.rules' | grep -vc 'Reading rules file')"
echo "install.udev_probe_complaints: $(echo "$udev_says" | grep '99-probe.rules' | grep -vc 'Reading rules file')"
# An operator's change to the config must survive an upgrade.
sed -i 's/"id": ""/"id": "CG-TEST-0001"/' "$root/etc/csc-kiosk/config.json"
run again dpkg -i /tmp/csc-kiosk.deb
run remove dpkg --remove csc-kiosk
run purge dpkg --purge csc-kiosk
