package org.newplos.spaces;

/** What kind of space it is; plans may include one type, and staff search free spaces by type. */
public enum SpaceType {
    DESK,
    OFFICE,
    STUDIO,
    LOCKER,
    MEETING_ROOM,
    WORKSHOP
}
