export { publishDemoMembers as publishMembers, type MemberFacts } from '@cppcc/testing';
