-- Reserved for the gates feature; filled by its issue (kept so versions stay contiguous).
SELECT 1;
