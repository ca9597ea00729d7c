console.log("gatehouse")
