export {
  describeGatehouse,
  type GroupName,
  startGatehouse,
  type TestGatehouse,
  type TestMember,
  type TestServiceToken,
  type TestWorld,
} from './gatehouse.js'
