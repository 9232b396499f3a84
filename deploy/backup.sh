#!/bin/sh
# One backup of the bot's database into $BACKUP_DIR, then only the newest $BACKUP_KEEP are kept.
# Run daily by cooperactivas-backup.timer, by cron, or inside the container (see README.md).
#   BACKUP_DIR   where the backups go                     (default: ./backups)
#   BACKUP_KEEP  how many backups to keep                 (default: 14)
#   BOT_PYTHON   the Python the bot is installed in       (default: python3)
# The bot's own settings (DATABASE_URL, ...) come from the environment or ./.env, as for the bot.
set -eu

dir=${BACKUP_DIR:-backups}
keep=${BACKUP_KEEP:-14}
python=${BOT_PYTHON:-python3}

case $keep in
    '' | *[!0-9]* | 0)
        echo "error: BACKUP_KEEP must be a whole number from 1 up, not '$keep'" >&2
        exit 2
        ;;
esac

# Backups hold members' personal data: readable by the bot's user and group only.
umask 027
mkdir -p -- "$dir"
# UTC in the name, so names sort in the order the backups were taken.
"$python" -m bot backup "$dir/cooperactivas-$(date -u +%Y%m%dT%H%M%SZ).db"

# Rotation: the glob lists the oldest first; remove from the front until $keep are left.
set -- "$dir"/cooperactivas-*.db
count=$#
for old in "$@"; do
    [ "$count" -le "$keep" ] && break
    rm -f -- "$old"
    echo "removed old backup $old"
    count=$((count - 1))
done
